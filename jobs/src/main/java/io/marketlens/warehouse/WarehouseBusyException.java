package io.marketlens.warehouse;

/** Another run holds the warehouse lock; this run is refused rather than interleaving writes. */
public class WarehouseBusyException extends RuntimeException {
    public WarehouseBusyException(String message) {
        super(message);
    }
}
