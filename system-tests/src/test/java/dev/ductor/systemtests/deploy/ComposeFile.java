package dev.ductor.systemtests.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as YAML (merge keys resolved) and as text. */
final class ComposeFile {

    private final String text;
    private final Map<String, Object> yaml;

    private ComposeFile(String text) {
        this.text = text;
        this.yaml = new Yaml().load(text);
    }

    static ComposeFile read() {
        return new ComposeFile(ProjectFiles.read("docker-compose.yml"));
    }

    String text() {
        return text;
    }

    Map<String, Object> section(String name) {
        return map(yaml.get(name));
    }

    List<Service> services() {
        List<Service> services = new ArrayList<>();
        section("services").forEach((name, body) -> services.add(new Service(name, map(body))));
        return services;
    }

    Service service(String name) {
        return services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in docker-compose.yml"));
    }

    /** The services built from the project's Dockerfile: the ductor JVMs. */
    List<Service> ductorServices() {
        return services().stream().filter(s -> s.yaml().containsKey("build")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** One service of the file. */
    record Service(String name, Map<String, Object> yaml) {

        Map<String, Object> get(String key) {
            return map(yaml.get(key));
        }

        List<String> volumes() {
            return yaml.get("volumes") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : List.of();
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            get("environment").forEach((k, v) -> env.put(k, String.valueOf(v)));
            return env;
        }

        String healthcheck() {
            return String.valueOf(get("healthcheck").get("test"));
        }
    }
}
