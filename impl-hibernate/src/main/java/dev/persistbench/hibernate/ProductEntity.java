package dev.persistbench.hibernate;

import dev.persistbench.contract.model.NewProduct;
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

/**
 * A row of {@code product}.
 *
 * <p>The id comes from the sequence behind the identity column ({@code product_id_seq},
 * INCREMENT BY 50): with allocationSize 50 the pooled optimizer hands out 50 ids per sequence
 * call, so P03's inserts need no round trip per row and can be batched. Hibernate checks at
 * start-up that the allocation size equals the sequence's increment.
 */
@Entity(name = "Product")
@Table(name = "product")
class ProductEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_id")
    @SequenceGenerator(name = "product_id", sequenceName = "product_id_seq", allocationSize = 50)
    private Long id;

    // Immutable natural id: P04's look-up goes through Session#bySimpleNaturalId.
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

    ProductEntity(NewProduct product) {
        this.sku = product.sku();
        this.name = product.name();
        this.price = product.price();
        this.stock = product.stock();
        this.attributes = new HashMap<>(product.attributes());
    }

    Long getId() {
        return id;
    }

    String getSku() {
        return sku;
    }

    String getName() {
        return name;
    }

    Product toRecord() {
        return new Product(id, sku, name, price, stock, attributes, version);
    }
}
