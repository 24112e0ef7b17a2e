package jp.kenshin.outreach.analysis;

import java.util.Locale;
import jp.kenshin.outreach.analysis.stats.Estimate;

/**
 * The call plan as a DMN table, the same decision as the committed bpmn/call-priority.dmn (key
 * {@value #DECISION_KEY}, inputs {@code sex} and {@code ageBand}, outputs {@code call} and {@code holdoutShare}),
 * one rule per stratum with an estimate, in ranked order, and a last rule for every other stratum (phoned). Each
 * rule carries the stratum, its estimate and interval as DMN 1.3 annotations ({@code annotationEntry}) and as its
 * {@code description}; a suppressed stratum has no rule of its own and so no figure. Opens in Camunda Modeler
 * (diagram layout included).
 */
public final class CallPlanDmn {

    public static final String DECISION_KEY = "Decision_CallPriority";

    private CallPlanDmn() {
    }

    /** The DMN XML of a plan (UTF-8 text). */
    public static String xml(CallPlan plan, long planId) {
        String share = share(plan.holdoutShare());
        StringBuilder rules = new StringBuilder();
        for (CallPlan.Stratum s : plan.strata()) {
            if (s.suppressed()) {
                continue;
            }
            String id = (s.sex() == 1 ? "M" : "F") + "_" + s.ageBand().replaceAll("[^0-9A-Za-z]", "_");
            Estimate perCall = s.gainPerCall().orElseThrow();
            Estimate shrunken = s.shrunken().orElseThrow();
            String figures = String.format(Locale.ROOT, "順位 %d：電話1回当たり %+.4f人（%+.4f～%+.4f）", s.rank(), perCall.value(),
                    perCall.ci95().lower(), perCall.ci95().upper());
            String estimate = String.format(Locale.ROOT, "受診率の差 %+.4f（%+.4f～%+.4f）、%d人", shrunken.value(),
                    shrunken.ci95().lower(), shrunken.ci95().upper(), s.people().orElseThrow());
            rules.append("      <rule id=\"Rule_").append(id).append("\">\n")
                    .append("        <description>").append(escape(s.label() + "：" + (s.call() ? "電話する" : "電話しない") + "。"
                            + figures + "。" + estimate)).append("</description>\n")
                    .append("        <inputEntry id=\"InputEntry_").append(id).append("_Sex\"><text>").append(s.sex())
                    .append("</text></inputEntry>\n")
                    .append("        <inputEntry id=\"InputEntry_").append(id).append("_AgeBand\"><text>&quot;")
                    .append(escape(s.ageBand())).append("&quot;</text></inputEntry>\n")
                    .append("        <outputEntry id=\"OutputEntry_").append(id).append("_Call\"><text>").append(s.call())
                    .append("</text></outputEntry>\n")
                    .append("        <outputEntry id=\"OutputEntry_").append(id).append("_HoldoutShare\"><text>").append(share)
                    .append("</text></outputEntry>\n")
                    .append("        <annotationEntry><text>").append(escape(s.label())).append("</text></annotationEntry>\n")
                    .append("        <annotationEntry><text>").append(escape(figures)).append("</text></annotationEntry>\n")
                    .append("        <annotationEntry><text>").append(escape(estimate)).append("</text></annotationEntry>\n")
                    .append("      </rule>\n");
        }
        String name = (plan.fiscalYear() + 1) + "年度の電話勧奨の優先度（計画 " + planId + "、" + plan.fiscalYear() + "年度の効果分析 "
                + plan.analysisRunId() + " から）";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_CallPriority" name="%s" namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="%s" name="電話勧奨の優先度">
                    <description>%s</description>
                    <decisionTable id="DecisionTable_CallPriority" hitPolicy="FIRST">
                      <input id="Input_Sex" label="性別（1:男 2:女）" camunda:inputVariable="sex">
                        <inputExpression id="InputExpression_Sex" typeRef="integer"><text>sex</text></inputExpression>
                      </input>
                      <input id="Input_AgeBand" label="5歳年齢階級" camunda:inputVariable="ageBand">
                        <inputExpression id="InputExpression_AgeBand" typeRef="string"><text>ageBand</text></inputExpression>
                      </input>
                      <output id="Output_Call" label="電話をかける" name="call" typeRef="boolean" />
                      <output id="Output_HoldoutShare" label="電話しない比較群の割合" name="holdoutShare" typeRef="double" />
                      <annotation name="層" />
                      <annotation name="電話1回当たりの追加受診（95%%信頼区間）" />
                      <annotation name="縮小推定した受診率の差（95%%信頼区間）・人数" />
                %s      <rule id="Rule_Default">
                        <description>表にない層（推定できなかった層、10人未満の層）：電話します</description>
                        <inputEntry id="InputEntry_Default_Sex"><text></text></inputEntry>
                        <inputEntry id="InputEntry_Default_AgeBand"><text></text></inputEntry>
                        <outputEntry id="OutputEntry_Default_Call"><text>true</text></outputEntry>
                        <outputEntry id="OutputEntry_Default_HoldoutShare"><text>%s</text></outputEntry>
                        <annotationEntry><text>その他の層</text></annotationEntry>
                        <annotationEntry><text>（推定なし・10人未満）</text></annotationEntry>
                        <annotationEntry><text></text></annotationEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                  <dmndi:DMNDI>
                    <dmndi:DMNDiagram id="DMNDiagram_CallPriority">
                      <dmndi:DMNShape id="DMNShape_CallPriority" dmnElementRef="%s">
                        <dc:Bounds height="80" width="180" x="160" y="100" />
                      </dmndi:DMNShape>
                    </dmndi:DMNDiagram>
                  </dmndi:DMNDI>
                </definitions>
                """.formatted(escape(name), DECISION_KEY, escape(description(plan)), rules, share, DECISION_KEY);
    }

    private static String description(CallPlan plan) {
        return String.format(Locale.ROOT, "%d年度の効果分析から作った%d年度の計画です。性別と5歳年齢階級の層ごとに、電話番号のある人に"
                + "電話をかけるかと、電話しない比較群の割合（%s）を決めます。層は電話1回当たりの追加受診（経験ベイズで縮小した推定÷1人当たりの"
                + "架電数）の多い順に、架電数の上限 %d 回まで選びました。見込み：架電 %.0f 回で追加の受診者 %.1f 人（95%%信頼区間 %.1f～%.1f）、"
                + "全員に電話するときは架電 %.0f 回で %.1f 人。集計値だけで、個人の情報を含みません。上の規則から順に見て、最初に当てはまった"
                + "規則で決まります（FIRST）。", plan.fiscalYear(), plan.fiscalYear() + 1, share(plan.holdoutShare()), plan.budget(),
                plan.plannedCalls(), plan.plannedGain().value(), plan.plannedGain().ci95().lower(), plan.plannedGain().ci95().upper(),
                plan.everyoneCalls(), plan.everyoneGain().value());
    }

    private static String share(double share) {
        return java.math.BigDecimal.valueOf(share).stripTrailingZeros().toPlainString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
