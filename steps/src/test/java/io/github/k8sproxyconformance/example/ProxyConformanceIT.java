package io.github.k8sproxyconformance.example;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The suite class a project writes to check its own proxy with the steps as a library; the README
 * shows it with the {@code pom.xml} that runs it, and {@link ProxyConformanceExampleTest} runs it.
 *
 * <p>The features and the glue come from the steps' jar; the proxy under test is named by {@code
 * conformance.proxy.url} (a system property Failsafe sets, or the environment), so nothing here
 * names a proxy and the bundled reference proxy is never needed.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("k8sproxyconformance.features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.github.k8sproxyconformance.steps")
@ConfigurationParameter(
    key = PLUGIN_PROPERTY_NAME,
    value = "io.github.k8sproxyconformance.steps.report.SummaryPlugin")
public class ProxyConformanceIT {}
