package circuitbreaker.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.lang.System.Logger.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Finds the data grid where the server has one (Payara: JNDI payara/Hazelcast); elsewhere the fleet is one member. */
@ApplicationScoped
public class GridLookup {

    private static final System.Logger LOG = System.getLogger(GridLookup.class.getName());

    @Produces
    @ApplicationScoped
    Grid grid() {
        try {
            return HazelcastGrid.of(new InitialContext().lookup("payara/Hazelcast"));
        } catch (NamingException | LinkageError | RuntimeException none) {
            LOG.log(Level.DEBUG, "No data grid here: {0}", none.toString());
            return Grid.none();
        }
    }
}
