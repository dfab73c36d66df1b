package io.github.k8sproxyconformance.steps;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature of the conformance kit through Cucumber on the JUnit Platform.
 *
 * <p>Only the glue is fixed here: it is what this module provides. Everything a user may want to
 * override with {@code -D} (tags, plugins) lives in {@code junit-platform.properties}, because a
 * value set on the suite beats system properties.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("k8sproxyconformance.features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.github.k8sproxyconformance.steps")
public final class ConformanceIT {}
