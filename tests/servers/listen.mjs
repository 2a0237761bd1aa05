// Starts one of the npm servers on a port the system picks (port 0) and prints that port as its first line,
// "listening <port>", once the server accepts connections: nothing guesses a free port, so nothing can race for it.
//   node listen.mjs dynalite
//   node listen.mjs fauxqs
const [name] = process.argv.slice(2);

if (name === "dynalite") {
  const { default: dynalite } = await import("dynalite");
  // Tables are ACTIVE at once: the tests and benchmarks create their own and use them straight away.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
} else if (name === "fauxqs") {
  const { startFauxqs } = await import("fauxqs");
  // host: the address queue URLs are built with.
  const server = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
  console.log(`listening ${server.port}`);
} else {
  console.error(`unknown server "${name}": dynalite or fauxqs`);
  process.exit(2);
}
