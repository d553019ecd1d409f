package com.znyw.console.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of {@code /api/v1}, served at {@code /v3/api-docs} and {@code /swagger-ui.html}. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI znywOpenApi() {
        return new OpenAPI()
                .info(new Info().title("ZNYW AIOps API").version("v1")
                        .description("KPI configurations, anomalies, Flink jobs and Focus analyses."
                                + " Reading needs VIEWER, changing needs OPERATOR, tokens need ADMIN."
                                + " Errors are RFC 7807 problem details."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("API token created by an ADMIN")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
