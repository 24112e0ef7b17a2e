package jp.kenshin.outreach.fileimport;

import java.nio.charset.Charset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

@ConfigurationProperties("kenshin.import")
public record ImportProperties(Charset defaultEncoding, Integer rejectionReportLimit, Archive archive) {

    public ImportProperties {
        defaultEncoding = defaultEncoding == null ? Charset.forName("windows-31j") : defaultEncoding;
        rejectionReportLimit = rejectionReportLimit == null ? 1000 : rejectionReportLimit;
        archive = archive == null ? new Archive(null, null, null, null, null) : archive;
    }

    /**
     * Caps on a zip archive (checkup results in the standard XML form) against zip bombs: the
     * unpacked size of any one entry, the unpacked size of all entries together, the number of
     * entries, and the expansion ratio (unpacked to packed bytes, of each entry and of the whole
     * archive, checked past the grace size). An archive over any of them is refused whole.
     * <p>
     * The defaults fit a ward: a checkup document is 10-50 KB, a year's results some tens of thousands
     * of documents (2 GB holds 40,000 documents of 50 KB, 100,000 entries twice a large ward's year).
     * The unpacked bytes are streamed, never held together, so the total cap bounds the time an upload
     * can keep a core busy (parsing 2 GB of XML takes minutes, 8 GB most of an hour).
     */
    public record Archive(DataSize maxEntrySize, DataSize maxTotalSize, Integer maxEntries, Integer maxRatio,
            DataSize ratioGraceSize) {

        public static final int DEFAULT_MAX_RATIO = 100;
        public static final DataSize DEFAULT_RATIO_GRACE = DataSize.ofMegabytes(1);

        public Archive {
            maxEntrySize = maxEntrySize == null ? DataSize.ofMegabytes(4) : maxEntrySize;
            maxTotalSize = maxTotalSize == null ? DataSize.ofGigabytes(2) : maxTotalSize;
            maxEntries = maxEntries == null ? 100_000 : maxEntries;
            maxRatio = maxRatio == null ? DEFAULT_MAX_RATIO : maxRatio;
            ratioGraceSize = ratioGraceSize == null ? DEFAULT_RATIO_GRACE : ratioGraceSize;
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
