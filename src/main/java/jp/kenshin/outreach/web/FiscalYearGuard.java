package jp.kenshin.outreach.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import jp.kenshin.outreach.FiscalYears;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Checks every fiscal year that comes in through the application's API, in one place: a path variable or
 * request parameter named {@code fiscalYear} before the controller runs, and a {@code fiscalYear} component
 * of a request body record once it is read. A year out of {@link FiscalYears}' range answers 400 naming the
 * field (through {@link ApiExceptionHandler}). New endpoints are covered by naming their year
 * {@code fiscalYear}, as every endpoint does.
 */
@ControllerAdvice(basePackages = "jp.kenshin.outreach")
class FiscalYearGuard extends RequestBodyAdviceAdapter implements HandlerInterceptor, WebMvcConfigurer {

    static final String FIELD = "fiscalYear";

    private final FiscalYears fiscalYears;

    FiscalYearGuard(FiscalYears fiscalYears) {
        this.fiscalYears = fiscalYears;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (path != null && path.containsKey(FIELD)) {
            fiscalYears.check(path.get(FIELD), FIELD);
        }
        String[] values = request.getParameterMap().get(FIELD);
        if (values != null) {
            for (String value : values) {
                fiscalYears.check(value, FIELD);
            }
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType().isRecord();
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals(FIELD)
                        && (component.getType() == int.class || component.getType() == Integer.class)) {
                    Object year;
                    try {
                        java.lang.reflect.Method accessor = component.getAccessor();
                        accessor.setAccessible(true); // the controllers' request records are package-private
                        year = accessor.invoke(record);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalArgumentException("年度（" + FIELD + "）を確認できません");
                    }
                    if (year != null) {
                        fiscalYears.check((Integer) year, FIELD);
                    }
                }
            }
        }
        return body;
    }
}
