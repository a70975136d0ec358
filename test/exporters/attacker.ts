// The attacks of test/exporters/attacks.test.ts, run as a child process so that the attacker's
// own event loop does not slow the legitimate clients measured by the test. Usage:
//   node --import tsx test/exporters/attacker.ts <attack> <port> [token]; it runs until killed.
// Every connection comes from 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux).
// The POST floods carry the exporter's token when one is given: a backend gone wrong, or a
// leaked token, is the worst case (without it every POST is a cheap 401 and a closed connection).
import http from "node:http";
import net from "node:net";

const ATTACKER = "127.0.0.2";
const GET = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
const [name, portText, token] = process.argv.slice(2);
const port = Number(portText);

/** `n` events of every type that needs no time field, as one batch body. */
function batch(n: number): string {
  const kinds = [
    { type: "agent_run", agent: "cbt_coach", durationSeconds: 1.2, outcome: "success" },
    { type: "llm_call", provider: "deepseek", model: "deepseek-chat", durationSeconds: 0.8, outcome: "success" },
    { type: "feature_used", feature: "mood_diary" },
    { type: "feedback", rating: 4 },
  ];
  return JSON.stringify({ events: Array.from({ length: n }, (_, i) => kinds[i % kinds.length]) });
}

function postRequest(body: string): string {
  const auth = token === undefined ? "" : `Authorization: Bearer ${token}\r\n`;
  return `POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${auth}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/**
 * `connections` sockets, each keeping `depth` POSTs pipelined: one more is written for every
 * answer read; a socket that is cut (or refused) is re-opened 5 ms later.
 */
function postFlood(connections: number, depth: number, body: string): void {
  const request = postRequest(body);
  const open = () => {
    const s = connect(() => setTimeout(open, 5));
    s.on("connect", () => s.write(request.repeat(depth)));
    s.on("data", (d: Buffer) => {
      let answers = 0;
      for (let i = d.indexOf("HTTP/1.1 "); i !== -1; i = d.indexOf("HTTP/1.1 ", i + 9)) answers++;
      if (answers > 0 && s.writable) s.write(request.repeat(answers));
    });
  };
  for (let i = 0; i < connections; i++) open();
}

function connect(onClose?: () => void): net.Socket {
  const s = net.connect({ port, host: "127.0.0.1", localAddress: ATTACKER });
  s.on("error", () => undefined);
  s.on("close", () => onClose?.());
  return s;
}

const attacks: Record<string, () => void> = {
  // 1 000 connections that pipeline GET /metrics and never read.
  "pipelined-never-read": () => {
    for (let i = 0; i < 1000; i++) {
      const s = connect();
      s.pause();
      s.on("connect", () => s.write(GET.repeat(50)));
    }
  },
  // A pipelined /metrics flood that reads every answer, re-opened as it is cut.
  "pipelined-flood": () => {
    const open = () => {
      const s = connect(() => setTimeout(open, 5));
      s.on("connect", () => s.write(GET.repeat(200)));
      s.resume();
    };
    for (let i = 0; i < 100; i++) open();
  },
  // 1 000 idle sockets, each re-opened as soon as it times out (1 ms later); one refused at
  // once is re-opened 100 ms later (a raw connect flood is the network's to limit, see README).
  "idle-sockets": () => {
    const open = () => {
      const opened = Date.now();
      connect(() => setTimeout(open, Date.now() - opened < 100 ? 100 : 1));
    };
    for (let i = 0; i < 1000; i++) open();
  },
  // 10 scrapers, each asking again as soon as it has its answer.
  "scrape-flood": () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10, localAddress: ATTACKER } as http.AgentOptions);
    const loop = () => {
      http.get({ host: "127.0.0.1", port, path: "/metrics", agent }, (res) => { res.resume(); res.on("end", loop); })
        .on("error", () => setTimeout(loop, 10));
    };
    for (let i = 0; i < 10; i++) loop();
  },
  // POST /v1/events on the SCRAPE port (kept there for compatibility), as fast as answered: 64
  // keep-alive connections (the per-client limit), a 500-event batch on each, the next one as
  // soon as answered: the most a client gets without pipelining, all under its fair share.
  "scrape-port-post-flood": () => postFlood(64, 1, batch(500)),
  // Single events, 16 pipelined on each of 64 connections: beyond the POSTs a client may have
  // waiting, so its connections are cut and its address refused for a while, again and again.
  "scrape-port-post-flood-single": () => postFlood(64, 16, batch(1).replace(/^\{"events":\[(.*)\]\}$/, "$1")),
};

const attack = attacks[name ?? ""];
if (attack === undefined || !Number.isInteger(port)) {
  process.stderr.write(`usage: attacker.ts <${Object.keys(attacks).join("|")}> <port>\n`);
  process.exit(2);
}
attack();
process.stdout.write("attacking\n");
