package circuitbreaker.access;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * One of an operator's tokens, as the operators file keeps it: never the token, only its SHA-256. Tokens are 256 random
 * bits, so a fast hash is enough (nothing to guess from it); a slow one would cost every request.
 *
 * @param id the first 8 hex digits of the hash: how `operator list` and `operator revoke --token` name it
 * @param created when `operator add` or `operator rotate` made it, epoch milliseconds
 */
@JsonbPropertyOrder({"id", "sha256", "created"})
public record OperatorToken(String id, String sha256, long created) implements Serializable {
}
