package jp.kenshin.outreach.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kenshin.outreach.cycle.guard.DeclaredVariables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * The BPMN, DMN and form files of {@code bpmn/} against the code, without starting the application: every
 * delegate expression and every bean an expression calls is a Spring bean of the application; every form
 * reference and form key resolves to a file of the folder; every variable a form writes is declared for its
 * process ({@link DeclaredVariables}, which the engine guard enforces at run time) and named by the process's
 * constants holder; every variable an expression reads is declared; every called process and decision exists.
 *
 * <p>Each BPMN file has one constants holder in {@code jp.kenshin.outreach.process}, named after the file
 * ({@code mailing.bpmn}: {@code MailingVariables}); names more than one process uses are in {@code ProcessVariables}.
 * A holder names its process key, and nothing that the file, its forms and its decisions do not use, except a
 * variable the process declares for the code to write (counts and ids shown in Cockpit); every variable the process
 * declares is named by its holder; a shared name is declared by two processes at least. The checker is also run on
 * misspelled in-memory copies of the models, forms and holders, to show that it finds what it is meant to find.
 */
class ProcessModelTest {

    private static final Path FOLDER = Path.of("bpmn");
    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    /** What an expression may name besides beans and declared variables: the engine's own names. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId", "true", "false",
            "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    /** A name at the root of an expression: not after a dot (a property or method), string literals removed first. */
    private static final Pattern ROOT_NAME = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*+)");
    private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final String HOLDERS = "jp.kenshin.outreach.process.";
    /** A name as the models write it: ids, variables, codes, process keys (with their dashes). */
    private static final Pattern TOKEN = Pattern.compile("[\\w-]+");
    /** Variables the engine sets itself on a multi-instance activity: declared, but no holder's names. */
    private static final Set<String> LOOP_VARIABLES = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances");

    private static Checker checker;
    private static Map<String, BpmnModelInstance> models;

    @BeforeAll
    static void readTheFolder() {
        models = new LinkedHashMap<>();
        for (Path file : files(".bpmn")) {
            models.put(file.getFileName().toString(), Bpmn.readModelFromFile(file.toFile()));
        }
        Map<String, String> decisions = new TreeMap<>();
        for (Path file : files(".dmn")) {
            DmnModelInstance dmn = Dmn.readModelFromFile(file.toFile());
            dmn.getModelElementsByType(Decision.class).forEach(d -> decisions.put(d.getId(), read(file)));
        }
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        for (Path file : files(".form")) {
            forms.put(file.getFileName().toString(), readJson(file));
        }
        Set<String> processes = new TreeSet<>();
        models.values().forEach(m -> m.getModelElementsByType(Process.class).forEach(p -> processes.add(p.getId())));
        Map<String, Map<String, String>> holders = new TreeMap<>();
        for (String file : models.keySet()) {
            Map<String, String> holder = holder(holderName(file));
            if (holder != null) {
                holders.put(file, holder);
            }
        }
        checker = new Checker(applicationBeans(), forms, processes, decisions, holders, holder("ProcessVariables"));
    }

    @Test
    void theFolderHoldsTheModelsTheProductIsMadeOf() {
        assertThat(models).hasSizeGreaterThanOrEqualTo(11).containsKeys("annual-outreach-cycle.bpmn", "phone-outreach.bpmn");
        assertThat(checker.decisions).containsKeys("TargetEligibility", "CardVariant", "CallOutcome");
        assertThat(checker.holders).containsOnlyKeys(models.keySet());
        assertThat(checker.shared).containsEntry("FISCAL_YEAR", "fiscalYear");
        assertThat(checker.forms).containsKeys("approve-target-list.form", "raise-incident.form");
        assertThat(checker.beans).contains("selectTargetsDelegate", "callTaskPlan");
    }

    @Test
    void everyModelResolvesAgainstTheCode() {
        List<String> problems = new ArrayList<>();
        Checked checked = new Checked();
        models.forEach((file, model) -> problems.addAll(checker.check(file, model, checked)));
        assertThat(problems).as("problems in bpmn/").isEmpty();
        // the checks ran over what the folder holds (so an empty list means something)
        assertThat(checked.delegateExpressions).as("delegate expressions checked").isGreaterThanOrEqualTo(40);
        assertThat(checked.formReferences).as("form references checked").isGreaterThanOrEqualTo(35);
        assertThat(checked.formVariables).as("form variables checked").isGreaterThanOrEqualTo(90);
        assertThat(checked.calls).as("called processes and decisions checked").isEqualTo(4);
        assertThat(checked.holderNames).as("names of the holders checked").isGreaterThanOrEqualTo(160);
    }

    @Test
    void aSharedNameIsDeclaredByTwoProcessesAtLeast() {
        assertThat(checker.checkShared()).isEmpty();
        Checker withAStrayName = checker.withShared(with(checker.shared, "CONTRACT_APPROVED", "contractApproved"));
        assertThat(withAStrayName.checkShared()).singleElement().satisfies(p -> assertThat(p).contains("CONTRACT_APPROVED").contains("shared"));
    }

    @Test
    void aHolderNameTheModelNoLongerUsesIsFound() {
        // the task renamed in the model, its constant left behind
        BpmnModelInstance copy = misspelled("mailing.bpmn", "\"Task_ApproveProof\"", "\"Task_ApproveTheProof\"");
        assertThat(checker.check("mailing.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("MailingVariables.TASK_APPROVE_PROOF").contains("uses nothing"));
        // a variable no form, expression or declaration knows
        Checker withAStaleName = checker.withHolder("mailing.bpmn", with(checker.holders.get("mailing.bpmn"), "PROOF_SEEN", "proofSeen"));
        assertThat(withAStaleName.check("mailing.bpmn", models.get("mailing.bpmn"), new Checked()))
                .singleElement().satisfies(p -> assertThat(p).contains("MailingVariables.PROOF_SEEN").contains("uses nothing"));
        // another process's key
        Checker withAnotherKey = checker.withHolder("mailing.bpmn", with(checker.holders.get("mailing.bpmn"), "INQUIRY_PROCESS_KEY", "inquiry"));
        assertThat(withAnotherKey.check("mailing.bpmn", models.get("mailing.bpmn"), new Checked()))
                .anySatisfy(p -> assertThat(p).contains("INQUIRY_PROCESS_KEY").contains("not this file's process"));
    }

    @Test
    void aDeclaredVariableTheHolderDoesNotNameAndAMissingHolderAreFound() {
        Map<String, String> holder = new LinkedHashMap<>(checker.holders.get("mailing.bpmn"));
        holder.remove("CARD_COUNT");
        assertThat(checker.withHolder("mailing.bpmn", holder).check("mailing.bpmn", models.get("mailing.bpmn"), new Checked()))
                .anySatisfy(p -> assertThat(p).contains("cardCount").contains("MailingVariables does not name"));
        assertThat(checker.withHolder("mailing.bpmn", null).check("mailing.bpmn", models.get("mailing.bpmn"), new Checked()))
                .singleElement().satisfies(p -> assertThat(p).contains("no constants holder " + HOLDERS + "MailingVariables"));
    }

    @Test
    void everyFormOfTheFolderIsUsedByAProcess() {
        Set<String> used = new TreeSet<>();
        models.forEach((file, model) -> model.getModelElementsByType(FlowElement.class).forEach(e -> {
            String ref = e.getAttributeValueNs(CAMUNDA_NS, "formRef");
            if (ref != null) {
                used.add(ref);
            }
        }));
        Set<String> ids = new TreeSet<>();
        checker.forms.values().forEach(f -> ids.add(f.path("id").asText()));
        assertThat(used).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aMisspelledDelegateExpressionIsFound() {
        BpmnModelInstance copy = misspelled("mailing.bpmn", "${planMailingDelegate}", "${planMailingDelegat}");
        assertThat(checker.check("mailing.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("planMailingDelegat").contains("no Spring bean"));
    }

    @Test
    void aMisspelledListenerAndAMisspelledBeanInAnExpressionAreFound() {
        BpmnModelInstance copy = misspelled("phone-outreach.bpmn", "${recordCallListener}", "${recordCalListener}");
        assertThat(checker.check("phone-outreach.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("recordCalListener").contains("no Spring bean"));
        copy = misspelled("phone-outreach.bpmn", "${callTaskPlan.due(execution)}", "${callTaskPlann.due(execution)}");
        assertThat(checker.check("phone-outreach.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("callTaskPlann"));
    }

    @Test
    void aMisspelledFormReferenceAndFormKeyAreFound() {
        BpmnModelInstance copy = misspelled("mailing.bpmn", "camunda:formRef=\"approve-proof\"", "camunda:formRef=\"aprove-proof\"");
        assertThat(checker.check("mailing.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("aprove-proof").contains("no form"));
        copy = misspelled("phone-outreach.bpmn", "embedded:deployment:bpmn/call-person.html", "embedded:deployment:bpmn/cal-person.html");
        assertThat(checker.check("phone-outreach.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("cal-person.html").contains("no file"));
    }

    @Test
    void aFormVariableTheProcessDoesNotDeclareIsFound() {
        Map<String, JsonNode> forms = new LinkedHashMap<>(checker.forms);
        ObjectNode form = checker.forms.get("approve-proof.form").deepCopy();
        for (JsonNode component : form.path("components")) {
            if ("proofApproved".equals(component.path("key").asText())) {
                ((ObjectNode) component).put("key", "proofAproved");
            }
        }
        forms.put("approve-proof.form", form);
        Checker withTheMisspelledForm = checker.withForms(forms);
        assertThat(withTheMisspelledForm.check("mailing.bpmn", models.get("mailing.bpmn"), new Checked()))
                .anySatisfy(p -> assertThat(p).contains("proofAproved").contains("not declared"))
                .anySatisfy(p -> assertThat(p).contains("proofAproved").contains("MailingVariables does not name"));
    }

    @Test
    void aMisspelledGatewayVariableAndCalledElementAndDecisionAreFound() {
        BpmnModelInstance copy = misspelled("mailing.bpmn", "${proofApproved}", "${proofAproved}");
        assertThat(checker.check("mailing.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("proofAproved").contains("neither a declared variable nor a bean"));
        copy = misspelled("annual-outreach-cycle.bpmn", "calledElement=\"mailing\"", "calledElement=\"maling\"");
        assertThat(checker.check("annual-outreach-cycle.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("maling").contains("no process"));
        copy = misspelled("phone-outreach.bpmn", "camunda:decisionRef=\"CallOutcome\"", "camunda:decisionRef=\"CallOutcomes\"");
        assertThat(checker.check("phone-outreach.bpmn", copy, new Checked()))
                .anySatisfy(p -> assertThat(p).contains("CallOutcomes").contains("no decision"));
    }

    /** A copy of a model file with one text replaced, read from memory (the file is not touched). */
    private static BpmnModelInstance misspelled(String file, String text, String replacement) {
        String xml = read(FOLDER.resolve(file));
        assertThat(xml).as(file + " holds " + text).contains(text);
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.replace(text, replacement).getBytes(StandardCharsets.UTF_8)));
    }

    /** How much each check saw. */
    static final class Checked {
        int delegateExpressions;
        int formReferences;
        int formVariables;
        int calls;
        int holderNames;
    }

    /**
     * Checks one BPMN model against the beans, the forms, the processes, the decisions (id: the text of its file) and
     * the constants holders (by BPMN file: constant name to value; the shared holder apart) of the application.
     */
    record Checker(Set<String> beans, Map<String, JsonNode> forms, Set<String> processes, Map<String, String> decisions,
            Map<String, Map<String, String>> holders, Map<String, String> shared) {

        Checker withForms(Map<String, JsonNode> otherForms) {
            return new Checker(beans, otherForms, processes, decisions, holders, shared);
        }

        Checker withHolder(String file, Map<String, String> holder) {
            Map<String, Map<String, String>> other = new TreeMap<>(holders);
            if (holder == null) {
                other.remove(file);
            } else {
                other.put(file, holder);
            }
            return new Checker(beans, forms, processes, decisions, other, shared);
        }

        Checker withShared(Map<String, String> otherShared) {
            return new Checker(beans, forms, processes, decisions, holders, otherShared);
        }

        List<String> check(String file, BpmnModelInstance model, Checked checked) {
            List<String> problems = new ArrayList<>();
            Map<String, String> holder = holders.get(file);
            if (holder == null) {
                problems.add(file + ": no constants holder " + HOLDERS + holderName(file));
                return problems;
            }
            Set<String> named = new TreeSet<>(holder.values());
            named.addAll(shared.values());
            // what the file, its forms and its decisions say: ids, variables, codes
            Set<String> used = tokens(Bpmn.convertToString(model));
            for (Process process : model.getModelElementsByType(Process.class)) {
                DeclaredVariables.Process declared = DeclaredVariables.of(process.getId());
                if (declared == null) {
                    problems.add(file + ": process " + process.getId() + " declares no variables in DeclaredVariables");
                    continue;
                }
                Set<String> variables = declared.variables().keySet();
                for (DomElement element : descendants(process.getDomElement())) {
                    String where = file + " " + process.getId() + "/" + nearestId(element);
                    checkDelegate(element, where, problems, checked);
                    checkExpressions(element, variables, where, problems);
                }
                List<FlowElement> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
                withForms.addAll(model.getModelElementsByType(StartEvent.class));
                for (FlowElement element : withForms) {
                    checkForms(element, file + " " + process.getId() + "/" + element.getId(), variables, named, used, problems,
                            checked);
                }
                for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
                    checked.calls++;
                    if (!processes.contains(call.getCalledElement())) {
                        problems.add(file + " " + call.getId() + ": calls " + call.getCalledElement() + ", but there is no process "
                                + "of that id in bpmn/");
                    }
                }
                for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                    checked.calls++;
                    String ref = task.getCamundaDecisionRef();
                    if (ref == null || !decisions.containsKey(ref)) {
                        problems.add(file + " " + task.getId() + ": decision " + ref + ", but there is no decision of that id in bpmn/");
                    } else {
                        used.addAll(tokens(decisions.get(ref)));
                    }
                }
                checkHolder(file, process.getId(), holder, declared.variables().keySet(), named, used, problems, checked);
            }
            return problems;
        }

        /**
         * The holder against the process: it names the process's key and no other; each of its names is used by the
         * file, its forms or its decisions, or is a variable the process declares; each declared variable is named.
         */
        private void checkHolder(String file, String processId, Map<String, String> holder, Set<String> declared,
                Set<String> named, Set<String> used, List<String> problems, Checked checked) {
            String holderName = holderName(file);
            if (!holder.containsValue(processId)) {
                problems.add(file + ": " + holderName + " does not name the process key " + processId);
            }
            holder.forEach((name, value) -> {
                checked.holderNames++;
                if (name.endsWith("PROCESS_KEY") && !value.equals(processId)) {
                    problems.add(file + ": " + holderName + "." + name + " (" + value + ") is not this file's process ("
                            + processId + "): it belongs to that process's holder");
                } else if (!used.contains(value) && !declared.contains(value)) {
                    problems.add(file + ": " + holderName + "." + name + " (" + value + ") names what the file, its forms "
                            + "and its decisions do not use, and no variable the process declares: it uses nothing");
                }
            });
            for (String variable : declared) {
                if (!named.contains(variable) && !LOOP_VARIABLES.contains(variable)) {
                    problems.add(file + ": " + processId + " declares " + variable + ", which " + holderName
                            + " does not name (nor ProcessVariables)");
                }
            }
        }

        /** Each shared name is declared by two processes at least: else it belongs to the one process's holder. */
        List<String> checkShared() {
            List<String> problems = new ArrayList<>();
            shared.forEach((name, value) -> {
                long declaring = DeclaredVariables.all().values().stream().filter(p -> p.variables().containsKey(value)).count();
                if (declaring < 2) {
                    problems.add("ProcessVariables." + name + " (" + value + ") is declared by " + declaring
                            + " process(es): a shared name is declared by two at least");
                }
            });
            return problems;
        }

        private void checkDelegate(DomElement element, String where, List<String> problems, Checked checked) {
            String expression = attribute(element, "delegateExpression");
            if (expression == null) {
                return;
            }
            checked.delegateExpressions++;
            Matcher name = Pattern.compile("^\\$\\{(\\w+)}$").matcher(expression.trim());
            if (!name.matches()) {
                problems.add(where + ": delegate expression " + expression + " is not ${beanName}");
            } else if (!beans.contains(name.group(1))) {
                problems.add(where + ": delegate expression " + expression + " names no Spring bean of jp.kenshin.outreach");
            }
        }

        /** Every other expression: what it names at its root is a declared variable, a bean or the engine's. */
        private void checkExpressions(DomElement element, Set<String> variables, String where, List<String> problems) {
            List<String> texts = new ArrayList<>();
            if (element.getLocalName().endsWith("Expression") || element.getLocalName().equals("timeDate")
                    || element.getLocalName().equals("timeDuration") || element.getLocalName().equals("timeCycle")
                    || element.getLocalName().equals("loopCardinality")) {
                texts.add(element.getTextContent());
            }
            for (String name : List.of("dueDate", "followUpDate", "priority", "expression", "assignee", "candidateGroups",
                    "candidateUsers", "collection", "source", "sourceExpression", "businessKey")) {
                String value = attribute(element, name);
                if (value != null && !name.equals("source")) {
                    texts.add(value);
                } else if (value != null && name.equals("source") && !variables.contains(value)) {
                    problems.add(where + ": maps variable " + value + ", which the process does not declare");
                }
            }
            for (String text : texts) {
                Matcher expression = EXPRESSION.matcher(text == null ? "" : text);
                while (expression.find()) {
                    Matcher root = ROOT_NAME.matcher(STRING_LITERAL.matcher(expression.group(1)).replaceAll("''"));
                    while (root.find()) {
                        String name = root.group(1);
                        if (!variables.contains(name) && !beans.contains(name) && !ENGINE_NAMES.contains(name)) {
                            problems.add(where + ": expression " + expression.group() + " names " + name
                                    + ", which is neither a declared variable nor a bean");
                        }
                    }
                }
            }
        }

        private void checkForms(ModelElementInstance element, String where, Set<String> variables, Set<String> named,
                Set<String> used, List<String> problems, Checked checked) {
            String formRef = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
            String formKey = element.getAttributeValueNs(CAMUNDA_NS, "formKey");
            if (formRef != null) {
                checked.formReferences++;
                JsonNode form = forms.values().stream().filter(f -> formRef.equals(f.path("id").asText())).findFirst().orElse(null);
                if (form == null) {
                    problems.add(where + ": form reference " + formRef + ", but there is no form of that id in bpmn/*.form");
                } else {
                    used.addAll(tokens(form.toString()));
                    checkFormVariables(form, where, variables, named, problems, checked);
                }
            }
            if (formKey != null) {
                checked.formReferences++;
                Path file = formFile(formKey);
                if (file == null) {
                    problems.add(where + ": form key " + formKey + " has no form of the kinds this project uses");
                } else if (!Files.isRegularFile(file)) {
                    problems.add(where + ": form key " + formKey + ", but there is no file " + file);
                } else {
                    used.addAll(tokens(read(file)));
                    if (file.toString().endsWith(".form")) {
                        checkFormVariables(readJson(file), where, variables, named, problems, checked);
                    }
                }
            }
        }

        private void checkFormVariables(JsonNode form, String where, Set<String> variables, Set<String> named,
                List<String> problems, Checked checked) {
            String holderName = holderName(where.substring(0, where.indexOf(' ')));
            for (String key : formKeys(form)) {
                checked.formVariables++;
                if (!variables.contains(key)) {
                    problems.add(where + ": form " + form.path("id").asText() + " writes " + key
                            + ", which is not declared for the process in DeclaredVariables");
                }
                if (!named.contains(key)) {
                    problems.add(where + ": form " + form.path("id").asText() + " writes " + key + ", which "
                            + holderName + " does not name (nor ProcessVariables)");
                }
            }
        }

        /** The file a form key names: deployment resources are named bpmn/&lt;file&gt; (BpmnDeployment). */
        private static Path formFile(String formKey) {
            for (String prefix : List.of("camunda-forms:deployment:", "embedded:deployment:", "deployment:")) {
                if (formKey.startsWith(prefix)) {
                    String name = formKey.substring(prefix.length());
                    return name.startsWith("bpmn/") ? Path.of(name) : FOLDER.resolve(name);
                }
            }
            for (String prefix : List.of("camunda-forms:app:", "embedded:app:", "app:")) {
                if (formKey.startsWith(prefix)) {
                    return STATIC.resolve(formKey.substring(prefix.length()));
                }
            }
            return null;
        }
    }

    /** The holder of a BPMN file's names: mailing.bpmn's is MailingVariables. */
    static String holderName(String bpmnFile) {
        StringBuilder name = new StringBuilder();
        for (String part : bpmnFile.replaceFirst("\\.bpmn$", "").split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.append("Variables").toString();
    }

    /** The public String constants of a holder class, name to value; null when there is no such class. */
    static Map<String, String> holder(String simpleName) {
        Class<?> type;
        try {
            type = Class.forName(HOLDERS + simpleName);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                try {
                    names.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static Map<String, String> with(Map<String, String> names, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(names);
        copy.put(name, value);
        return copy;
    }

    private static Set<String> tokens(String text) {
        Set<String> tokens = new TreeSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            tokens.add(token.group());
        }
        return tokens;
    }

    /** The keys of a Camunda Form's input components, nested groups included. */
    static List<String> formKeys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        for (JsonNode component : form.path("components")) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            if (component.has("components")) {
                keys.addAll(formKeys(component));
            }
        }
        return keys;
    }

    /**
     * The application's bean names, found as Spring finds them: components under jp.kenshin.outreach named by
     * Spring's own name generator, and the @Bean methods of those classes.
     */
    static Set<String> applicationBeans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Set<String> beans = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("jp.kenshin.outreach")) {
            beans.add(names.generateBeanName(candidate, registry));
            try {
                for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                    Bean bean = method.getAnnotation(Bean.class);
                    if (bean != null) {
                        beans.add(bean.name().length > 0 ? bean.name()[0] : method.getName());
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return beans;
    }

    private static String attribute(DomElement element, String name) {
        String value = element.getAttribute(CAMUNDA_NS, name);
        return value != null ? value : element.getAttribute(name);
    }

    private static List<DomElement> descendants(DomElement element) {
        List<DomElement> all = new ArrayList<>();
        for (DomElement child : element.getChildElements()) {
            all.add(child);
            all.addAll(descendants(child));
        }
        return all;
    }

    private static String nearestId(DomElement element) {
        for (DomElement e = element; e != null; e = e.getParentElement()) {
            String id = e.getAttribute("id");
            if (id != null) {
                return id;
            }
        }
        return "?";
    }

    private static Collection<Path> files(String extension) {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
