package jp.kenshin.outreach.compliance;

import java.time.LocalDate;
import java.util.Set;

/**
 * The contract of a fiscal year as the ward registers it: number, contractor, the contractor's
 * organisation group, the period, and which of the 13 special provisions were acknowledged.
 */
public record ContractRegistration(int fiscalYear, String contractNumber, String contractorName, String contractorGroup,
        LocalDate periodFrom, LocalDate periodTo, Set<Integer> provisionsAcknowledged) {

    /** The 13 special provisions (特記事項), in short. */
    public static final String[] PROVISIONS = {
        "必要な措置", "秘密の保持（契約終了後も）", "目的外利用・第三者提供の禁止", "適正な管理（施錠保管）", "複写・複製の禁止",
        "再委託の禁止", "資料の返還・引渡し", "区の求めによる報告", "区の監査・検査の受入れ", "従事者への研修",
        "事故・違反の報告と区の指示", "区による公表", "損害の賠償"};
}
