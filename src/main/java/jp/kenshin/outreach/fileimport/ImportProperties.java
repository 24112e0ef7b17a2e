package jp.kenshin.outreach.fileimport;

import java.nio.charset.Charset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

@ConfigurationProperties("kenshin.import")
public record ImportProperties(Charset defaultEncoding, Integer rejectionReportLimit, Archive archive) {

    public ImportProperties {
        defaultEncoding = defaultEncoding == null ? Charset.forName("windows-31j") : defaultEncoding;
        rejectionReportLimit = rejectionReportLimit == null ? 1000 : rejectionReportLimit;
        archive = archive == null ? new Archive(null, null, null) : archive;
    }

    /**
     * Caps on a zip archive (checkup results in the standard XML form) against zip bombs: the
     * unpacked size of any one entry, the unpacked size of all entries together, and the number of
     * entries. An archive over any of them is refused whole.
     */
    public record Archive(DataSize maxEntrySize, DataSize maxTotalSize, Integer maxEntries) {
        public Archive {
            maxEntrySize = maxEntrySize == null ? DataSize.ofMegabytes(16) : maxEntrySize;
            maxTotalSize = maxTotalSize == null ? DataSize.ofGigabytes(8) : maxTotalSize;
            maxEntries = maxEntries == null ? 1_000_000 : maxEntries;
        }
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
            throw new FileRefusedException(0, "文字コード（encoding）が扱えません（windows-31j または UTF-8）");
        }
    }
}
