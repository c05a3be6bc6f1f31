package circuitbreaker.access;

import java.util.Locale;

/** What an operator may do: a viewer reads the operator surface, an operator also changes states and windows. */
public enum Role {
    VIEWER, OPERATOR;

    /** The name in the operators file, in refusals and in {@link Caller}'s security context. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static final String VIEWER_KEY = "viewer";
    public static final String OPERATOR_KEY = "operator";

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role of(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be viewer or operator, not '" + key + "'");
    }
}
