package jp.kenshin.outreach.members;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ward's area code rule: for these area codes (written without the leading 0), a 9-digit number
 * is a landline that lost its leading 0. Empty: a 9-digit number is never usable.
 */
@ConfigurationProperties("kenshin.phone")
public record PhoneProperties(List<String> missingZeroAreaCodes) {

    public PhoneProperties {
        missingZeroAreaCodes = missingZeroAreaCodes == null ? List.of() : List.copyOf(missingZeroAreaCodes);
    }
}
