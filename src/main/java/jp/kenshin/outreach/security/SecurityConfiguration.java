package jp.kenshin.outreach.security;

import static jp.kenshin.outreach.security.CamundaIdentityAuthenticationProvider.GROUP_PREFIX;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in on every surface: the Camunda webapps, {@code /engine-rest} and the application's
 * {@code /api}. Browsers sign in with a form and keep a session protected against CSRF; batch callers
 * send HTTP basic credentials with each request, which are checked every time and never fall back to a session.
 * The signed-in user is handed on to the webapps and to the engine's REST API (container-based authentication),
 * so Camunda's authorizations apply to them. Logging out (Spring's {@code /logout}, or the webapps' logout)
 * ends the whole session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    public static final String WARD_STAFF = GROUP_PREFIX + "ward-staff";
    public static final String CONTRACTOR_LEAD = GROUP_PREFIX + "contractor-lead";
    public static final String CONTRACTOR_OPERATOR = GROUP_PREFIX + "contractor-operator";
    public static final String AUDITOR = GROUP_PREFIX + "auditor";
    public static final String ANALYST = GROUP_PREFIX + "analyst";

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    @Bean
    AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
        RequestMatcher withCredentials = BasicCredentials.INSTANCE;
        LogoutHandler endSession = endSession();
        http.authenticationManager(authenticationManager)
                .securityContext(context -> context.securityContextRepository(new BasicRequestsIgnoreTheSession(
                        new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                                new HttpSessionSecurityContextRepository()))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path("/login"), path("/error"), path("/favicon.ico")).permitAll()
                        // the process is up (a probe's question); health with its checks and info need a sign-in
                        .requestMatchers(path("/actuator/health/liveness")).permitAll()
                        // Admin's first-administrator setup answers anyone while no camunda-admin member exists
                        // (e.g. after the demo users were removed): not a contractor's way to become administrator
                        .requestMatchers(path("/camunda/api/admin/setup/**")).hasAuthority(WARD_STAFF)
                        // who may call each /api path: the one place of the role gate (docs/security.md#who-may-call-what);
                        // the door, the engine's authorizations and the controllers check further within it
                        // the audit log, its verification and the auditors' page of them (ids and counts only)
                        .requestMatchers(path("/api/audit/**"), path("/audit.html")).hasAuthority(AUDITOR)
                        .requestMatchers(path("/api/deletions/**")).hasAnyAuthority(WARD_STAFF, AUDITOR)
                        // aggregates only; running an analysis also passes the door (ANALYSIS purpose)
                        .requestMatchers(path("/api/analyses/**")).hasAnyAuthority(WARD_STAFF, ANALYST)
                        .requestMatchers(path("/api/call-plans/**")).hasAnyAuthority(WARD_STAFF, ANALYST)
                        // the year's dashboard: counts only, for the ward and its auditors
                        .requestMatchers(path("/api/dashboard/**"), path("/dashboard.html")).hasAnyAuthority(WARD_STAFF, AUDITOR)
                        .requestMatchers(path("/api/designations/**"), path("/api/contracts/**"), path("/api/report-requests/**"),
                                path("/api/site-audits/**"), path("/designations.html")).hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD)
                        // counts only, for the ward and the contractor's person in charge
                        .requestMatchers(path("/api/reports/**")).hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD)
                        // the call and desk work; the controllers admit only the task or inquiry the user holds
                        .requestMatchers(path("/api/calls/**"), path("/api/inquiries/**"))
                                .hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD, CONTRACTOR_OPERATOR)
                        // raised by the ward or a contractor user (the controller: designated for the year); read by the
                        // ward and the person in charge, who acknowledge and answer it
                        .requestMatchers(path(HttpMethod.POST, "/api/incidents"))
                                .hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD, CONTRACTOR_OPERATOR, ANALYST)
                        .requestMatchers(path("/api/incidents/**")).hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD)
                        // the door decides whom it admits, and audits every refusal; the auditor reads no personal data
                        .requestMatchers(path("/api/personal-data/**"))
                                .hasAnyAuthority(WARD_STAFF, CONTRACTOR_LEAD, CONTRACTOR_OPERATOR, ANALYST)
                        .requestMatchers(path("/api/members/**"), path("/api/results/**"), path("/api/imports/**"),
                                path("/api/cycles/**"), path("/api/selections/**"), path("/api/mailings/**"),
                                path("/api/card-templates/**"),
                                path("/imports.html"), path("/returned-mail.html"), path("/card-texts.html"), path("/inquiry.html"))
                                .hasAuthority(WARD_STAFF)
                        // an /api path not named above is no one's: a new controller is refused until it is listed here
                        .requestMatchers(path("/api/**")).denyAll()
                        // the engine's authorizations decide /engine-rest and the webapps
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // the application's own Japanese sign-in page (web/SignInPages); Spring processes its POST
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/camunda/app/tasklist/", false))
                .logout(logout -> logout.addLogoutHandler(endSession).logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new SignInRequired(), path("/api/**"))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/engine-rest/**"))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/actuator/**"))
                        // the webapps' scripts (e.g. right after a logout): a plain 401, which they answer with their
                        // sign-in view, not a basic challenge that makes the browser open its own password dialog
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/camunda/api/**"))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), withCredentials))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // the webapps carry Camunda's own CSRF protection; a basic-auth call is checked by its own
                        // credentials and never reads the session (BasicRequestsIgnoreTheSession)
                        .ignoringRequestMatchers(path("/camunda/**"), withCredentials))
                // load the token on every request, so the XSRF-TOKEN cookie is there for the pages' scripts
                .addFilterAfter((request, response, chain) -> {
                    Object token = request.getAttribute(CsrfToken.class.getName());
                    if (token instanceof CsrfToken csrfToken) {
                        csrfToken.getToken();
                    }
                    chain.doFilter(request, response);
                }, BasicAuthenticationFilter.class)
                // the webapps' logout ends the whole session once Camunda has accepted it
                .addFilterAfter(new WebappLogout(endSession), LogoutFilter.class);
        return http.build();
    }

    /** What a logout does: the session invalidated, the security context cleared, the session and CSRF cookies expired. */
    private static LogoutHandler endSession() {
        SecurityContextLogoutHandler context = new SecurityContextLogoutHandler();
        context.setInvalidateHttpSession(true);
        context.setClearAuthentication(true);
        return new CompositeLogoutHandler(context, new CsrfLogoutHandler(csrfTokens()),
                new CookieClearingLogoutHandler("JSESSIONID"));
    }

    /**
     * The session's CSRF token, in a cookie of its own name: the Camunda webapps set an XSRF-TOKEN cookie of
     * their own under /camunda, and a form script in Tasklist must be able to tell the two apart.
     */
    static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setHeaderName(CSRF_HEADER);
        return tokens;
    }

    public static final String CSRF_COOKIE = "KENSHIN-XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-KENSHIN-XSRF-TOKEN";

    /** The Camunda webapps take the signed-in user from the servlet container (here: Spring Security). */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(101);
        return registration;
    }

    /** /engine-rest runs as the signed-in user, with the engine's authorization checks. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(102);
        return registration;
    }
}
