package jp.kenshin.outreach.analysis;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Effect analysis settings ({@code kenshin.analysis.*}).
 *
 * @param outputDirectory where the approved deliverables are written, one folder per fiscal year
 * @param resultsCutOff   the results cut-off date of a fiscal year, as MM-dd of the following calendar year
 *                        ("06-30": results of fiscal year 2026, April 2026 to March 2027, count when their
 *                        exam date is on or before 30 June 2027 and they were imported by then). A cycle
 *                        can set its own date at its start ({@code resultsCutOff})
 * @param startTime       the time of day, on the day after the cut-off date, when the analysis task opens
 * @param zone            the ward's time zone
 * @param planHoldoutShare the share of the phone owners of the strata next year's call plan phones that is held out
 *                        of calls, so that the following year can check the plan (0 to 0.5; written into the plan's
 *                        DMN table). The analyst can give another share when the ward sends a plan back
 */
@ConfigurationProperties("kenshin.analysis")
public record AnalysisProperties(
        @DefaultValue("data/analysis") Path outputDirectory,
        @DefaultValue("06-30") String resultsCutOff,
        @DefaultValue("09:00") LocalTime startTime,
        @DefaultValue("Asia/Tokyo") ZoneId zone,
        @DefaultValue("0.1") double planHoldoutShare) {

    public AnalysisProperties {
        if (!(planHoldoutShare >= 0 && planHoldoutShare <= 0.5)) {
            throw new IllegalArgumentException("kenshin.analysis.plan-holdout-share must be between 0 and 0.5, was " + planHoldoutShare);
        }
        try {
            MonthDay.parse("--" + resultsCutOff);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("kenshin.analysis.results-cut-off must be MM-dd, e.g. 06-30, was " + resultsCutOff, e);
        }
    }

    /** The year's folder for the deliverables. */
    public Path directory(int fiscalYear) {
        return outputDirectory.resolve(Integer.toString(fiscalYear));
    }

    /** The configured cut-off date of a fiscal year's results (in the calendar year after the fiscal year began). */
    public LocalDate resultsCutOff(int fiscalYear) {
        return MonthDay.parse("--" + resultsCutOff).atYear(fiscalYear + 1);
    }
}
