package dev.persistbench.contract.model;

/**
 * P01 input: a customer to create.
 *
 * @param email unique among all customers whatever its case; stored as given; at most
 *     {@value Check#MAX_EMAIL_LENGTH} characters, not blank
 * @param name at most {@value Check#MAX_NAME_LENGTH} characters, not blank
 */
public record NewCustomer(String email, String name) {
    public NewCustomer {
        Check.text("email", email, Check.MAX_EMAIL_LENGTH);
        Check.text("name", name, Check.MAX_NAME_LENGTH);
    }
}
