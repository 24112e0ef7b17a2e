package jp.kenshin.outreach.privacy;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The door over HTTP: the purpose's fields of some members, or 403 with the reason. Every call is audited. */
@RestController
@RequestMapping("/api/personal-data")
class PersonalDataController {

    /** Either memberIds, or a selection run (and optionally its group) whose targets are meant. */
    record ReadRequest(int fiscalYear, List<Long> memberIds, Long selectionRunId, String targetGroup, String taskId,
            String processInstanceId, String reason) {
    }

    private final PersonalDataService door;
    private final DoorProperties limits;

    PersonalDataController(PersonalDataService door, DoorProperties limits) {
        this.door = door;
        this.limits = limits;
    }

    /**
     * The ward's staff read any members or a selection run's targets; a contractor user reads one person, the person
     * of the task they hold, named by {@code taskId} (see {@link PersonalDataService}).
     */
    @PostMapping("/{purpose}")
    List<PersonalDataService.PersonView> read(@PathVariable Purpose purpose, @RequestBody ReadRequest request,
            Authentication authentication) {
        if (request.reason() != null && request.reason().codePointCount(0, request.reason().length()) > limits.reasonMaxLength()) {
            throw new IllegalArgumentException("reason（閲覧の理由）は " + limits.reasonMaxLength() + " 文字以内で入力してください");
        }
        idField("taskId", request.taskId());
        idField("processInstanceId", request.processInstanceId());
        PersonalDataService.AccessContext why = new PersonalDataService.AccessContext(request.taskId(), request.processInstanceId(),
                request.reason());
        Requester who = Requester.of(authentication);
        if (request.selectionRunId() != null) {
            return door.readQuery(who, purpose, request.fiscalYear(),
                    new PersonalDataService.PersonQuery(request.selectionRunId(), request.targetGroup()), why);
        }
        List<Long> memberIds = request.memberIds();
        if (memberIds == null || memberIds.isEmpty() || memberIds.size() > 10_000 || memberIds.contains(null)) {
            throw new IllegalArgumentException("memberIds (or selectionRunId): 1 to 10,000 persons per call");
        }
        return door.read(who, purpose, request.fiscalYear(), memberIds, why);
    }

    /** Task and process ids are the engine's ids (the audit log keeps them): refused when they are anything else. */
    private static void idField(String field, String value) {
        if (value != null && !value.matches("[A-Za-z0-9:._-]{1,64}")) {
            throw new IllegalArgumentException(field + " はエンジンのID（英数字と : . _ -、64 文字以内）で指定してください");
        }
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<java.util.Map<String, String>> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(java.util.Map.of("error", "Forbidden", "message", e.getMessage()));
    }
}
