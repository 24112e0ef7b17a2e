package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.util.Objects;

/** Unit prices (yen) of one postcard sent and of one call made. */
public record UnitCosts(BigDecimal perCard, BigDecimal perCall) {

    public UnitCosts {
        Objects.requireNonNull(perCard, "perCard");
        Objects.requireNonNull(perCall, "perCall");
        if (perCard.signum() < 0 || perCall.signum() < 0) {
            throw new IllegalArgumentException("unit costs must not be negative: " + perCard + ", " + perCall);
        }
    }
}
