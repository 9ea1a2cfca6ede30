package tongban.adapters.support.descriptor;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tongban.adapters.support.DepartmentSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds every department descriptor — {@code departments/*.yaml} on the classpath, plus those in
 * {@code tongban.adapters.descriptors-dir} if set — checks them all, and registers one {@link DescribedAdapter}
 * bean per department before any other bean is made. A broken descriptor stops the start with a message naming
 * the file and the field; nothing half-configured ever runs.
 */
@Component
public class DescribedAdapters implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    public static final String CLASSPATH_LOCATION = "classpath*:departments/*.yaml";
    public static final String EXTRA_DIR_PROPERTY = "tongban.adapters.descriptors-dir";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (AdapterDescriptor descriptor : load(environment.getProperty(EXTRA_DIR_PROPERTY))) {
            requireProperty(descriptor, "department", descriptor.urlProperty());
            for (String secret : descriptor.secretSettings()) {
                requireProperty(descriptor, "auth", secret);
            }
            RootBeanDefinition bean = new RootBeanDefinition(DescribedAdapter.class,
                    () -> new DescribedAdapter(descriptor));
            registry.registerBeanDefinition("describedAdapter." + descriptor.department(), bean);
        }
    }

    /** Reads and checks every descriptor; a department described twice is an error naming both files. */
    public static List<AdapterDescriptor> load(String extraDir) {
        Map<String, AdapterDescriptor> byDepartment = new LinkedHashMap<>();
        for (Source source : sources(extraDir)) {
            AdapterDescriptor descriptor;
            try (InputStream in = source.open()) {
                descriptor = DescriptorParser.parse(source.name(), in);
            } catch (IOException e) {
                throw new DescriptorException(source.name(), null, "cannot be read: " + e.getMessage());
            }
            String expectedFile = descriptor.department() + ".yaml";
            if (!source.name().endsWith("/" + expectedFile) && !source.name().equals(expectedFile)) {
                throw new DescriptorException(source.name(), "department",
                        "'" + descriptor.department() + "' must match the file name (" + expectedFile + ")");
            }
            AdapterDescriptor other = byDepartment.putIfAbsent(descriptor.department(), descriptor);
            if (other != null) {
                throw new DescriptorException(source.name(), "department",
                        "'" + descriptor.department() + "' is already described by " + other.source());
            }
        }
        return List.copyOf(byDepartment.values());
    }

    private void requireProperty(AdapterDescriptor descriptor, String field, String property) {
        if (!environment.containsProperty(property)) {
            throw new DescriptorException(descriptor.source(), field, "setting '" + property + "' is not set (environment: "
                    + DepartmentSettings.environmentVariable(property) + "; demo value: mocks/" + descriptor.department()
                    + "/demo-settings.properties)");
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Source(String name, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }

    private static List<Source> sources(String extraDir) {
        List<Source> sources = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(CLASSPATH_LOCATION)) {
                sources.add(new Source("departments/" + resource.getFilename(), resource::getInputStream));
            }
            if (extraDir != null && !extraDir.isBlank()) {
                try (Stream<Path> files = Files.list(Path.of(extraDir))) {
                    files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
                            .forEach(f -> sources.add(new Source(f.toString(), () -> Files.newInputStream(f))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("department descriptors cannot be listed", e);
        }
        return sources;
    }
}
