package circuitbreaker.platform;

import jakarta.ws.rs.core.CacheControl;

/** Every API answer is Cache-Control: no-store: a deploy script and a proxy must never see an old state. */
public final class NoStore {

    private NoStore() {
    }

    public static CacheControl cacheControl() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
