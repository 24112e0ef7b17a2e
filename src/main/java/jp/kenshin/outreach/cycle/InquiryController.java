package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.inquiry.InquiryCategory;
import jp.kenshin.outreach.inquiry.InquiryService;
import jp.kenshin.outreach.inquiry.InquiryService.Inquiry;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.PersonalDataService.CallerLookup;
import jp.kenshin.outreach.privacy.PersonalDataService.PersonView;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The inquiry desk over REST: what the desk's Tasklist form calls, and what a batch or a softphone can call. */
@RestController
@RequestMapping("/api/inquiries")
class InquiryController {

    record StartRequest(int fiscalYear) {
    }

    record Started(String inquiryId, String processInstanceId, String taskId) {
    }

    record LookupRequest(String ticketNumber, String name, LocalDate birthDate) {
    }

    record CallerRequest(long memberId) {
    }

    record AnswerRequest(String category, String note, boolean escalate, LocalDate escalationDue) {
    }

    record InquiryDetails(Inquiry inquiry, String categoryLabel, Optional<String> note) {
    }

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final InquiryService inquiries;
    private final EngineIdentity engine;

    InquiryController(RuntimeService runtime, TaskService tasks, InquiryService inquiries, EngineIdentity engine) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.inquiries = inquiries;
        this.engine = engine;
    }

    /** An inbound call: starts the inquiry process, whose answer task goes to the operator who took the call. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@RequestBody StartRequest request, Authentication authentication) {
        Requester who = Requester.of(authentication);
        return engine.as(who, () -> {
            ProcessInstance instance = runtime.startProcessInstanceByKey(INQUIRY_PROCESS_KEY, Map.of(FISCAL_YEAR, request.fiscalYear()));
            Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_ANSWER_INQUIRY)
                    .singleResult();
            return new Started(instance.getBusinessKey(), instance.getId(), task == null ? null : task.getId());
        });
    }

    @PostMapping("/{inquiryId}/lookup")
    List<PersonView> lookUp(@PathVariable String inquiryId, @RequestBody LookupRequest request, Authentication authentication) {
        Requester who = Requester.of(authentication);
        Task task = answerTask(who, inquiryId);
        return inquiries.lookUp(who, inquiryId, new CallerLookup(request.ticketNumber(), request.name(), request.birthDate()),
                new AccessContext(task.getId(), task.getProcessInstanceId(), "問い合わせの本人照会"));
    }

    /** Links the caller when the lookup found several people and the operator chose one. */
    @PostMapping("/{inquiryId}/caller")
    Inquiry caller(@PathVariable String inquiryId, @RequestBody CallerRequest request, Authentication authentication) {
        Requester who = Requester.of(authentication);
        Task task = answerTask(who, inquiryId);
        inquiries.chooseCaller(who, inquiryId, request.memberId(),
                new AccessContext(task.getId(), task.getProcessInstanceId(), "照会結果から本人を選択"));
        return inquiries.find(inquiryId);
    }

    /** Records the answer (the note encrypted through the door) and completes the answer task, in one transaction. */
    @PostMapping("/{inquiryId}/answer")
    Inquiry answer(@PathVariable String inquiryId, @RequestBody AnswerRequest request, Authentication authentication) {
        Requester who = Requester.of(authentication);
        InquiryCategory category = InquiryCategory.parse(request.category());
        return engine.inOneTransactionAs(who, () -> {
            Task task = answerTask(who, inquiryId);
            Inquiry answered = inquiries.answer(who, inquiryId,
                    new InquiryService.Answer(category, request.note(), request.escalate(), request.escalationDue()),
                    new AccessContext(task.getId(), task.getProcessInstanceId(), "問い合わせ回答の記録"));
            Map<String, Object> variables = new HashMap<>();
            variables.put(INQUIRY_CATEGORY, category.name());
            try {
                tasks.complete(task.getId(), variables);
            } catch (ProcessEngineException e) {
                throw new IllegalStateException("問い合わせ " + inquiryId + " の回答タスクは完了できません（別の担当者が先に記録しました）");
            }
            return answered;
        });
    }

    /** The inquiry with its note, for the ward's follow-up (the note is opened through the door). */
    @GetMapping("/{inquiryId}")
    InquiryDetails details(@PathVariable String inquiryId, Authentication authentication) {
        Requester who = Requester.of(authentication);
        Inquiry inquiry = inquiries.find(inquiryId);
        return new InquiryDetails(inquiry, inquiry.category() == null ? null : inquiry.category().label(),
                inquiries.note(who, inquiryId, AccessContext.of("問い合わせ内容の確認")));
    }

    private Task answerTask(Requester who, String inquiryId) {
        Task task = engine.as(who, () -> tasks.createTaskQuery().processInstanceBusinessKey(inquiryId)
                .taskDefinitionKey(TASK_ANSWER_INQUIRY).singleResult());
        if (task == null) {
            throw new IllegalStateException("問い合わせ " + inquiryId + " の回答タスクはありません（回答済みか、閲覧できません）");
        }
        return task;
    }
}
