package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.NaturalId;
import org.hibernate.type.SqlTypes;

// tag::mapping[]
/**
 * A row of {@code product}. Read as an entity by P04 and P05 (whole products, attributes
 * included). The default P03 inserts with one native statement, and P06, P09 and P10 change stock
 * with bulk statements; only the {@code persist} variant's P03 inserts through this class.
 */
@Entity(name = "Product")
@Table(name = "product")
class ProductEntity {

    // The sequence behind the identity column, INCREMENT BY 50 in the schema: the pooled optimizer
    // takes 50 ids per call, so the persist variant's inserts are batched (IDENTITY would turn JDBC
    // batching off). Hibernate checks at start-up that the allocation size is the increment. The
    // default P03 and every other writer take ids from the column's default, from the same sequence.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_id")
    @SequenceGenerator(name = "product_id", sequenceName = "product_id_seq", allocationSize = 50)
    private Long id;

    // The product's immutable natural id (unique constraint product_sku_uq).
    @NaturalId
    @Column(name = "sku", nullable = false, length = 200)
    private String sku;

    @Column(name = "name", nullable = false, length = 10_000)
    private String name;

    @Column(name = "price", nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(name = "stock", nullable = false)
    private int stock;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", nullable = false)
    private Map<String, String> attributes = new HashMap<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ProductEntity() {}

    /** A new product, for the persist variant's P03; its id comes at persist, its version starts at 0. */
    ProductEntity(String sku, String name, BigDecimal price, int stock, Map<String, String> attributes) {
        this.sku = sku;
        this.name = name;
        this.price = price;
        this.stock = stock;
        this.attributes = new HashMap<>(attributes);
    }

    Product toRecord() {
        return new Product(id, sku, name, price, stock, attributes, version);
    }
}
// end::mapping[]
