// Builds dist/ once before the tests that run the built script in the sandbox.
module.exports = async () => {
  process.env.TZ = 'Asia/Jakarta';
  const { buildAll } = await import('../scripts/build.mjs');
  await buildAll({ quiet: true });
};
