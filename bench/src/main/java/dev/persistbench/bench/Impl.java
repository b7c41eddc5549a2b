package dev.persistbench.bench;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import dev.persistbench.hibernate.HibernateStoreRepository;
import dev.persistbench.jdbc.SpringJdbcStoreRepository;
import dev.persistbench.jooq.JooqStoreRepository;
import dev.persistbench.mybatis.MyBatisStoreRepository;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The implementations under test, as the JMH parameter {@code impl}: each constant holds the
 * constructor of its repository, so no benchmark ever switches on a name.
 */
public enum Impl {
    HIBERNATE(HibernateStoreRepository::new, HibernateStoreRepository::variants),
    JOOQ(JooqStoreRepository::new, JooqStoreRepository::variants),
    MYBATIS(MyBatisStoreRepository::new, MyBatisStoreRepository::variants),
    /** The Spring JDBC implementation (JdbcClient); the hand-written java.sql floor is not an Impl. */
    JDBC(SpringJdbcStoreRepository::new, SpringJdbcStoreRepository::variants);

    private final Function<DataSource, StoreRepository> constructor;
    private final Supplier<List<Variant>> variants;

    Impl(Function<DataSource, StoreRepository> constructor, Supplier<List<Variant>> variants) {
        this.constructor = constructor;
        this.variants = variants;
    }

    /** The variants the implementation declares, measured beside its default (none for most). */
    public List<Variant> variants() {
        return variants.get();
    }

    /** A new repository over {@code dataSource}; the caller closes it. */
    public StoreRepository create(DataSource dataSource) {
        return constructor.apply(dataSource);
    }

    /** The id used in result files and reports: "hibernate", "jooq", "mybatis", "jdbc". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Maven module holding this implementation (and its contract-suite reports). */
    public String module() {
        return "impl-" + id();
    }

    /** The constant whose {@link #id()} or name is {@code text}, case-insensitively. */
    public static Impl parse(String text) {
        String wanted = text.trim();
        for (Impl impl : values()) {
            if (impl.name().equalsIgnoreCase(wanted)) {
                return impl;
            }
        }
        throw new IllegalArgumentException(
                "unknown implementation '" + text + "'; expected one of HIBERNATE, JOOQ, MYBATIS, JDBC");
    }
}
