import { startSite, runAndWait } from "./support.mjs";
const site = await startSite();
const { page, close } = await site.open("?lang=fr");
await page.getByTestId("editor-1").fill(`import time, asyncio
for i in range(5):
    m = time.monotonic(); w = time.time()
    time.sleep(1)
    print("sync  %.2f ms  wall %.2f ms" % ((time.monotonic()-m-1)*1000, (time.time()-w-1)*1000))
for i in range(5):
    m = time.monotonic(); w = time.time()
    await asyncio.sleep(1)
    print("async %.2f ms  wall %.2f ms" % ((time.monotonic()-m-1)*1000, (time.time()-w-1)*1000))
`);
await runAndWait(page, 1, 90_000);
console.log(await page.getByTestId("output-1").textContent());
await close(); await site.stop();
