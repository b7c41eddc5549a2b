package dev.persistbench.reports.render;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formatting shared by the HTML and Markdown, so both say the same thing. */
public final class Fmt {

    /** Printed where a figure was not measured. */
    public static final String NONE = "—";

    private Fmt() {}

    /** µs with precision that suits the magnitude: 0.512, 8.41, 85.0, 12,345. */
    public static String us(Double v) {
        if (v == null) {
            return NONE;
        }
        return format(pattern(v), v);
    }

    private static String pattern(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? "#,##0" : a >= 10 ? "#,##0.0" : a >= 1 ? "0.00" : "0.000";
    }

    /** "85.0 ± 1.1": the error at the value's precision, unless that would print it as zero. */
    public static String usErr(Double v, Double err) {
        if (v == null) {
            return NONE;
        }
        if (err == null) {
            return us(v) + " ± ?";
        }
        String e = format(pattern(v), err);
        return us(v) + " ± " + (err > 0 && e.matches("[0.,]+") ? us(err) : e);
    }

    /** "17.5 [17.2, 17.9]": an estimate with its interval at the estimate's precision; the estimate alone without one. */
    public static String interval(Double estimate, Double low, Double high) {
        if (estimate == null) {
            return NONE;
        }
        if (low == null || high == null) {
            return us(estimate);
        }
        String p = pattern(estimate);
        return us(estimate) + " [" + format(p, low) + ", " + format(p, high) + "]";
    }

    /** "1.38× [1.35, 1.41]"; "1.38×" without an interval. */
    public static String ratioInterval(Double estimate, Double low, Double high) {
        if (estimate == null) {
            return NONE;
        }
        if (low == null || high == null) {
            return ratio(estimate);
        }
        return ratio(estimate) + " [" + format("0.00", low) + ", " + format("0.00", high) + "]";
    }

    /** "yes" for at least one transaction per operation, "no" for none, "—" when unknown. */
    public static String transaction(Integer transactions) {
        return transactions == null ? NONE : transactions > 0 ? "yes" : "no";
    }

    /** "1.06×". */
    public static String ratio(Double v) {
        return v == null ? NONE : format("0.00", v) + "×";
    }

    /** "+4.9" µs delta, signed. */
    public static String delta(Double v) {
        return v == null ? NONE : (v >= 0 ? "+" : "") + us(v);
    }

    /** Whole number with separators. */
    public static String integer(Number v) {
        return v == null ? NONE : format("#,##0", v.doubleValue());
    }

    /** Bytes in B, KB or MB (1,024-based): "812 B", "6.6 KB", "8.2 MB". */
    public static String bytes(Double v) {
        if (v == null) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a < 1024) {
            return format("#,##0", v) + " B";
        }
        if (a < 1024 * 1024) {
            return format("#,##0.0", v / 1024) + " KB";
        }
        return format("#,##0.0", v / (1024 * 1024)) + " MB";
    }

    /** A share as a whole percentage: 0.27 is "27 %". */
    public static String share(double share) {
        return Math.round(100 * share) + " %";
    }

    /** Percentage change, signed: "+3.2 %". */
    public static String percent(Double v) {
        return v == null ? NONE : (v >= 0 ? "+" : "") + format("0.0", v) + " %";
    }

    private static String format(String pattern, double v) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }
}
