package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.util.Objects;

/** Unit prices (yen) of one postcard sent and of one call made. */
public record UnitCosts(BigDecimal perCard, BigDecimal perCall) {

    public UnitCosts {
        Objects.requireNonNull(perCard, "perCard");
        Objects.requireNonNull(perCall, "perCall");
        if (perCard.signum() < 0 || perCall.signum() < 0) {
            throw new IllegalArgumentException("単価に負の値は入力できません");
        }
    }

    /** The unit costs as entered (a form or REST): both or neither. */
    public static java.util.Optional<UnitCosts> entered(BigDecimal perCard, BigDecimal perCall) {
        if (perCard == null && perCall == null) {
            return java.util.Optional.empty();
        }
        if (perCard == null || perCall == null) {
            throw new IllegalArgumentException("はがき1通と電話1回の単価は、両方を入力するか両方を空欄にしてください");
        }
        return java.util.Optional.of(new UnitCosts(perCard, perCall));
    }
}
