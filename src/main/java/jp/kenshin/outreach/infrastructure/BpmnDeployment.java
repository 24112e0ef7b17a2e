package jp.kenshin.outreach.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;

/**
 * The auto-deployment of {@code bpmn/}, with each resource named {@code bpmn/<file>}. Spring's deployment
 * otherwise names a resource by its absolute file path when it runs from a folder and by its bare file
 * name when it runs from a jar, so an {@code embedded:deployment:} form could not name its HTML file, and
 * moving the folder would deploy every process again.
 */
@Configuration
class BpmnDeployment {

    static final String FOLDER = "bpmn/";

    @Bean
    CamundaDeploymentConfiguration camundaDeploymentConfiguration() {
        return new DefaultDeploymentConfiguration() {
            @Override
            public Set<Resource> getDeploymentResources() {
                Set<Resource> named = new LinkedHashSet<>();
                for (Resource resource : super.getDeploymentResources()) {
                    try {
                        named.add(new NamedResource(resource.getURL(), FOLDER + resource.getFilename()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot deploy " + resource, e);
                    }
                }
                return named;
            }
        };
    }

    /** A resource with the name the engine records for it. */
    static final class NamedResource extends UrlResource implements ContextResource {
        private final String name;

        NamedResource(URL url, String name) {
            super(url);
            this.name = name;
        }

        @Override
        public String getPathWithinContext() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NamedResource n && n.name.equals(name) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }
}
