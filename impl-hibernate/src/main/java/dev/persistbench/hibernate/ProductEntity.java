package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
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
 * included); never inserted or updated through this class: P03 inserts with one native statement,
 * P06, P09 and P10 change stock with bulk statements.
 */
@Entity(name = "Product")
@Table(name = "product")
class ProductEntity {

    // The identity column; its INCREMENT BY 50 is for ORMs that pool ids, which P03 does not need.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    Product toRecord() {
        return new Product(id, sku, name, price, stock, attributes, version);
    }
}
// end::mapping[]
