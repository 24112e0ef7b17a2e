package jp.kenshin.outreach.fileimport;

import java.nio.charset.Charset;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("kenshin.import")
public record ImportProperties(Charset defaultEncoding, Integer rejectionReportLimit) {

    public ImportProperties {
        defaultEncoding = defaultEncoding == null ? Charset.forName("windows-31j") : defaultEncoding;
        rejectionReportLimit = rejectionReportLimit == null ? 1000 : rejectionReportLimit;
    }

    /** The encoding a caller named, or the default (CP932); a name Java does not know is refused. */
    public Charset encodingOrDefault(String name) {
        if (name == null || name.isBlank()) {
            return defaultEncoding;
        }
        String normalized = name.trim();
        if (normalized.equalsIgnoreCase("cp932") || normalized.equalsIgnoreCase("ms932")
               ) {
            normalized = "windows-31j";
        }
        try {
            return Charset.forName(normalized);
        } catch (IllegalArgumentException e) {
            throw new FileRefusedException(0, "文字コード " + normalized + " は扱えません（windows-31j または UTF-8）");
        }
    }
}
