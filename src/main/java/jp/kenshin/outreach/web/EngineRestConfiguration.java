package jp.kenshin.outreach.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /engine-rest} as the Camunda starter sets it up, but with {@link EngineRestErrors} as its only
 * exception mapper (Camunda's own mappers, and Jersey's Jackson mappers, echo the engine's and Jackson's
 * messages, with the submitted value, into the body and the log).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

    @Bean
    CamundaJerseyResourceConfig engineRestResources() {
        return new NoEchoResourceConfig();
    }

    @ApplicationPath("/engine-rest")
    static class NoEchoResourceConfig extends CamundaJerseyResourceConfig {
        @Override
        protected void registerCamundaRestResources() {
            registerClasses(CamundaRestResources.getResourceClasses());
            registerClasses(CamundaRestResources.getConfigurationClasses().stream()
                    .filter(c -> !ExceptionMapper.class.isAssignableFrom(c)).collect(java.util.stream.Collectors.toSet()));
            // Jersey's Jackson mappers answer a bad JSON value with Jackson's message, which quotes it
            register(JacksonFeature.withoutExceptionMappers());
            register(EngineRestErrors.class);
        }
    }
}
