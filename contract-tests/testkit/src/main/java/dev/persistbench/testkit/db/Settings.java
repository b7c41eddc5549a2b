package dev.persistbench.testkit.db;

/** Reads a setting from a system property first, then from the environment. */
final class Settings {
    private Settings() {}

    static String get(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String require(String property, String environment, String why) {
        String value = get(property, environment);
        if (value == null) {
            throw new IllegalStateException(
                    why + ": set the system property " + property + " or the environment variable " + environment);
        }
        return value;
    }

    static int getInt(String property, String environment, int fallback) {
        String value = get(property, environment);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    property + "/" + environment + " must be a whole number, was '" + value + "'");
        }
    }

    static boolean getBoolean(String property, String environment, boolean fallback) {
        String value = get(property, environment);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalStateException(
                        property + "/" + environment + " must be true or false, was '" + value + "'");
        };
    }
}
