package circuitbreaker.maintenance.control;

/** Whether anyone in the fleet waits on the page for the site to come back: then ending maintenance reopens. */
public interface Waiters {

    boolean anyone();
}
