package circuitbreaker.access;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of the operator surface with the role it needs, so {@link OperatorAccessFilter} guards it: a
 * {@link Role#VIEWER} reads, a {@link Role#OPERATOR} changes (and only the scopes its rights reach).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Needs {
    Role value();
}
