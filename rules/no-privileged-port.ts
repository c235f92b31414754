import { defineRule } from '../src/engine/types.js';
import { exposedPorts } from '../src/model/ports.js';
import { isRootName, runtimeUser } from '../src/model/users.js';

export default defineRule({
  meta: {
    id: 'no-privileged-port',
    codes: [],
    severity: 'info',
    category: 'correctness',
    presets: ['all', 'openshift'],
    description: 'A non-root image exposes a port below 1024',
    rationale:
      'Binding a port below 1024 needs CAP_NET_BIND_SERVICE (or a lowered `net.ipv4.ip_unprivileged_port_start`), ' +
      'which an unprivileged user does not have under most runtimes, and never under OpenShift\'s restricted ' +
      'policy. Listen on a high port and map it at run time.',
    fixable: undefined,
    examples: {
      invalid: ['FROM nginx:1.27\nUSER 101\nEXPOSE 80\n'],
      valid: ['FROM nginx:1.27\nUSER 101\nEXPOSE 8080\n', 'FROM nginx:1.27\nEXPOSE 80\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const target of file.targetStages(context.settings.targets)) {
      const user = runtimeUser(file, target);
      if (!user || !user.known || user.user === '' || isRootName(user.user, target.windows)) continue;
      for (const stage of file.chain(target)) {
        for (const node of stage.instructions) {
          if (node.keyword !== 'EXPOSE') continue;
          for (const port of exposedPorts(file, node)) {
            if (port.first < 1 || port.first > 1023) continue;
            context.report({ message: `Port ${port.first} is privileged; an unprivileged user may not be able to bind it`, range: port.token.range, codes: [] });
          }
        }
      }
    }
  },
});
