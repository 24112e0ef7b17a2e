package jp.kenshin.outreach.mailing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the print data goes, how many cards a batch holds, how long returned mail is accepted, the proof's sample size,
 * and how far in the past a dispatch date may be recorded (in days before today, in the ward's zone: {@code kenshin.zone}).
 */
@ConfigurationProperties("kenshin.mailing")
public record MailingProperties(Path outputDirectory, Integer batchSize, Integer returnedMailDays, Integer proofSample,
        Integer dispatchMaxDaysPast) {

    public MailingProperties {
        outputDirectory = outputDirectory == null ? Path.of("data", "print") : outputDirectory;
        batchSize = batchSize == null ? 1000 : batchSize;
        returnedMailDays = returnedMailDays == null ? 60 : returnedMailDays;
        proofSample = proofSample == null ? 5 : proofSample;
        dispatchMaxDaysPast = dispatchMaxDaysPast == null ? 30 : dispatchMaxDaysPast;
    }

    public Path directory(int fiscalYear) {
        return outputDirectory.resolve(Integer.toString(fiscalYear));
    }
}
