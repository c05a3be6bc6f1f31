package circuitbreaker.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address or a Host header names this machine's loopback. Names are never resolved here. */
public final class Loopback {

    private Loopback() {
    }

    /** A literal loopback address (127.0.0.0/8, ::1, ::ffff:127.x); null, names and garbage are not. */
    public static boolean address(String address) {
        if (address == null || !(address.contains(":") || address.matches("[0-9.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A Host header naming "localhost" or a literal loopback address, with or without a port; IPv6 in brackets. */
    public static boolean host(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip();
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? "" : name.substring(1, end);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name.equalsIgnoreCase("localhost") || address(name);
    }
}
