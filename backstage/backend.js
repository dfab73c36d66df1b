// The smallest backend that serves the real Backstage Kubernetes plugin: nothing but the
// default core services and the kubernetes backend, so the suite tests the plugin and not
// an application built around it. Config files come from the --config arguments.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@backstage/plugin-kubernetes-backend'));
backend.start();
