package dev.persistbench.hibernate;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs every rule of the contract suite against {@link HibernateStoreRepository}. */
class HibernateContractTest extends StoreRepositoryContract {

    /** product_id_seq's state at the end of the last test, before the suite's TRUNCATE ... RESTART IDENTITY. */
    private Long productSequenceLastValue;

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new HibernateStoreRepository(dataSource);
    }

    /*
     * The suite empties the tables after every test with TRUNCATE ... RESTART IDENTITY, while this
     * class's one SessionFactory lives on. Hibernate's pooled optimizer keeps a block of product
     * ids in memory; a sequence that jumps back under a running application (which production
     * never sees) makes it hand out ids twice or below 1. These two hooks keep product_id_seq
     * where it was, as TRUNCATE ... CONTINUE IDENTITY would; everything else the suite resets
     * stays reset.
     */

    @AfterEach
    void rememberProductSequence() throws SQLException {
        try (Connection c = database().openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select last_value, is_called from product_id_seq")) {
            rs.next();
            productSequenceLastValue = rs.getBoolean(2) ? rs.getLong(1) : null;
        }
    }

    @BeforeEach
    void continueProductSequence() throws SQLException {
        if (productSequenceLastValue == null) {
            return;
        }
        try (Connection c = database().openConnection();
                PreparedStatement s = c.prepareStatement("select setval('product_id_seq', ?, true)")) {
            s.setLong(1, productSequenceLastValue);
            s.executeQuery().close();
        }
    }
}
