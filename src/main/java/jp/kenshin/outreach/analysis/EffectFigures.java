package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.LogisticFit;
import jp.kenshin.outreach.analysis.stats.MantelHaenszel;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.TwoProportions;

/**
 * All figures of the effect analysis, as computed by {@link EffectCalculator}. Statistics are
 * unrounded doubles; every figure carries the short name of its method.
 *
 * <p>The <b>notice-only group</b> is everybody who got a postcard only: {@link Arm#NOTICE_ONLY}
 * and {@link Arm#HOLDOUT} together. Comparisons are always call arm (group 1) against it (group 2),
 * so differences are "call minus notice only" and ratios "call over notice only".
 *
 * @param call uptake in the call arm ({@link Arm#NOTICE_AND_CALL})
 * @param noticeOnly uptake in the notice-only group (NOTICE_ONLY + HOLDOUT)
 * @param byArm uptake in each arm that has people, in {@link Arm} order
 * @param crude call arm against the notice-only group, not adjusted
 * @param stratified call arm against the notice-only group over sex × age band strata
 * @param regression call arm against the notice-only group, adjusted for sex and age band
 * @param holdout the randomised comparison, present when the holdout arm has people
 * @param returnedCards returned postcards and the comparisons without their people
 * @param costs present when unit costs were given
 */
public record EffectFigures(
        Proportion call,
        Proportion noticeOnly,
        Map<Arm, Proportion> byArm,
        TwoProportions crude,
        MantelHaenszel stratified,
        Regression regression,
        Optional<HoldoutFigures> holdout,
        ReturnedCards returnedCards,
        Optional<Costs> costs) {

    public EffectFigures {
        byArm = inArmOrder(byArm);
    }

    /** An unmodifiable copy that iterates in {@link Arm} order. */
    static <V> Map<Arm, V> inArmOrder(Map<Arm, V> byArm) {
        EnumMap<Arm, V> copy = new EnumMap<>(Arm.class);
        copy.putAll(byArm);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Logistic regression {@code attended ~ group + sex + ageBand} on the call arm and the notice-only
     * group (reference: notice only, male, lowest age band).
     *
     * @param model the model in words, with its reference levels
     * @param callOddsRatio adjusted odds ratio of attending, call arm over notice only, with its Wald
     *        interval; absent when not estimable
     * @param fit the whole fit; absent when not estimable
     * @param notEstimableReason why there is no estimate (e.g. separation); absent when estimated
     */
    public record Regression(String model, Optional<Estimate> callOddsRatio, Optional<LogisticFit> fit,
            Optional<String> notEstimableReason) {
    }

    /**
     * The randomised comparison: call arm against the holdout (phone owners held out of calls).
     *
     * @param holdout uptake in the holdout arm
     * @param intentionToTreat call arm against holdout, whether or not calls reached the people
     * @param stratified the same over sex × age band strata (MH odds ratio etc.)
     * @param reachedShare share of the call arm that a call reached
     * @param effectAmongReached ITT difference divided by the reached share (Bloom), its interval the
     *        ITT interval's bounds divided by the share, an approximation that treats the share as fixed
     */
    public record HoldoutFigures(Proportion holdout, TwoProportions intentionToTreat, MantelHaenszel stratified,
            Proportion reachedShare, Estimate effectAmongReached) {
    }

    /**
     * Returned (undelivered) postcards, and the comparisons recomputed without the people whose card
     * came back.
     *
     * @param byArm returned cards in each arm that has people
     * @param total returned cards in all
     * @param excludingReturned crude and stratified comparison without those people; absent (with
     *        {@code notComputedReason}) when that leaves a group empty
     * @param notComputedReason why {@code excludingReturned} is absent
     */
    public record ReturnedCards(Map<Arm, Long> byArm, long total, Optional<Comparison> excludingReturned,
            Optional<String> notComputedReason) {

        public ReturnedCards {
            byArm = inArmOrder(byArm);
        }
    }

    /** Call arm against the notice-only group, crude and over sex × age band strata. */
    public record Comparison(TwoProportions crude, MantelHaenszel stratified) {
    }

    /**
     * Costs of the outreach.
     *
     * @param unitCosts the unit prices used
     * @param callsMade calls made in the call arm
     * @param byArm cost of each arm that has people
     * @param noticeOnly cost of the notice-only group (NOTICE_ONLY + HOLDOUT)
     * @param perAdditionalAttendee call cost per attendee the calls added
     */
    public record Costs(UnitCosts unitCosts, long callsMade, Map<Arm, ArmCost> byArm, ArmCost noticeOnly,
            CostPerAdditionalAttendee perAdditionalAttendee) {

        public Costs {
            byArm = inArmOrder(byArm);
        }
    }

    /**
     * Cost of one arm: {@code cards × perCard + calls × perCall}.
     *
     * @param cards postcards sent (everybody in the arm, returned ones included)
     * @param calls calls made (only in the call arm)
     * @param total the cost
     * @param perAttendee total divided by the attendees; absent when nobody attended
     */
    public record ArmCost(long cards, long calls, BigDecimal total, Optional<BigDecimal> perAttendee) {
    }

    /**
     * {@code callsMade × perCall / (difference × people in the call arm)}: what the calls cost per
     * attendee they added.
     *
     * @param basis which difference was used: the ITT difference against the holdout when there is
     *        one, else the crude difference against the notice-only group
     * @param difference that difference in uptake
     * @param additionalAttendees difference × people in the call arm
     * @param callCost callsMade × perCall
     * @param value the cost per additional attendee; absent when the difference is not positive
     * @param notComputedReason why {@code value} is absent
     * @param method how it is computed
     */
    public record CostPerAdditionalAttendee(String basis, double difference, double additionalAttendees, BigDecimal callCost,
            Optional<BigDecimal> value, Optional<String> notComputedReason, String method) {
    }
}
