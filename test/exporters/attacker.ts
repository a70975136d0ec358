// The attacks of test/exporters/attacks.test.ts, run as a child process so that the attacker's
// own event loop does not slow the legitimate clients measured by the test. Usage:
//   node --import tsx test/exporters/attacker.ts <attack> <port>; it runs until killed.
// Every connection comes from 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux).
import http from "node:http";
import net from "node:net";

const ATTACKER = "127.0.0.2";
const GET = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
const [name, portText] = process.argv.slice(2);
const port = Number(portText);

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
};

const attack = attacks[name ?? ""];
if (attack === undefined || !Number.isInteger(port)) {
  process.stderr.write(`usage: attacker.ts <${Object.keys(attacks).join("|")}> <port>\n`);
  process.exit(2);
}
attack();
process.stdout.write("attacking\n");
