// npm run generate [-- --env production --locale zh --out generated --target all|kubernetes]
// `all` (default): the Prometheus/Alertmanager/Grafana bundle of --env and the Kubernetes tree (every
// overlay of catalog/kubernetes.ts) under kubernetes/; `kubernetes`: only the Kubernetes tree.
import { render } from "./render/index.ts";
import { KUBERNETES_DIR, renderKubernetes } from "./render/kubernetes/index.ts";
import { writeBundle } from "./lib/bundle-io.ts";
import { parseCliOptions } from "./lib/options.ts";
import path from "node:path";
import { destinationProblem } from "./lib/destination.ts";

try {
  const options = parseCliOptions(process.argv.slice(2), { target: { type: "string", default: "all" } });
  const problem = destinationProblem(options);
  if (problem) throw new Error(problem);
  const target = String(options.extra.target);
  if (target !== "all" && target !== "kubernetes") throw new Error(`unknown --target "${target}" (known: all, kubernetes)`);
  // The overlay of --env reuses the bundle rendered for it instead of rendering it again.
  const main = target === "kubernetes" ? undefined : render(options);
  const kubernetes = renderKubernetes(options.locale, main && { env: options.env.name, bundle: main });
  const bundle = main ? new Map([...main, ...kubernetes]) : kubernetes;
  if (target === "kubernetes") {
    // Only generated/kubernetes/ is replaced (atomically); the rest of generated/ stays.
    writeBundle(path.join(options.out, KUBERNETES_DIR), new Map([...kubernetes].map(([f, t]) => [f.slice(KUBERNETES_DIR.length + 1), t])));
  } else {
    writeBundle(options.out, bundle);
  }
  console.log(`generated ${bundle.size} files into ${path.relative(process.cwd(), options.out) || "."} (env ${options.env.name}, locale ${options.locale})`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
