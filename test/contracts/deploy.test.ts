import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import hre, { ethers } from 'hardhat';
import { BrowserProvider } from 'ethers';
import { TASK_NODE_CREATE_SERVER } from 'hardhat/builtin-tasks/task-names';
import { deployAnchor, readDeploymentRecord, roleSeparationProblem } from '../../deploy/001_deploy_anchor';
import { runDeploy } from '../../deploy/run';

describe('deploy/', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stackledger-deploy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deployAnchor writes a record that matches the chain', async () => {
    const [deployer, admin, anchorer] = await ethers.getSigners();
    const outFile = join(dir, 'nested', 'deployment.json');
    const record = await deployAnchor({ signer: deployer, admin: admin.address, anchorer: anchorer.address.toLowerCase(), outFile });
    expect(readDeploymentRecord(outFile)).to.deep.equal(record);
    const receipt = await ethers.provider.getTransactionReceipt(record.txHash);
    const block = await ethers.provider.getBlock(record.blockNumber);
    expect(record).to.deep.equal({
      contract: 'StackLedgerAnchor',
      address: receipt!.contractAddress,
      chainId: 31337,
      blockNumber: receipt!.blockNumber,
      txHash: receipt!.hash,
      admin: admin.address,
      anchorer: anchorer.address, // checksummed even when given in lower case
      deployedAt: new Date(block!.timestamp * 1000).toISOString(),
    });
    expect(await ethers.provider.getCode(record.address)).to.not.equal('0x');
  });

  it('deployAnchor refuses a malformed role address before sending anything', async () => {
    const [deployer] = await ethers.getSigners();
    const nonce = await deployer.getNonce();
    let error: unknown;
    await deployAnchor({ signer: deployer, admin: '0x1234', anchorer: deployer.address }).catch((e) => (error = e));
    expect(String(error)).to.match(/invalid address/);
    expect(await deployer.getNonce()).to.equal(nonce);
  });

  it('refuses admin = anchorer on a public chain before sending anything, and says how to proceed', async () => {
    const [deployer, admin, anchorer] = await ethers.getSigners();
    // The local node seen as Sepolia: what deployAnchor decides from is the chain id its provider reports.
    const sepolia = new BrowserProvider(hre.network.provider, 11155111, { staticNetwork: true });
    const signer = await sepolia.getSigner(deployer.address);
    const nonce = await deployer.getNonce();
    for (const [a, b] of [
      [deployer, deployer],
      [admin, { address: admin.address.toLowerCase() }],
    ]) {
      let error: unknown;
      await deployAnchor({ signer, admin: a.address, anchorer: b.address }).catch((e) => (error = e));
      expect(String(error)).to.match(
        /refusing to deploy on chain 11155111 with 0x[0-9a-fA-F]{40} as both admin and anchorer.*ALLOW_ADMIN_AS_ANCHORER=1/,
      );
    }
    expect(await deployer.getNonce()).to.equal(nonce);
    sepolia.destroy();
    // Distinct keys on a public chain, or one key on a local chain, or an explicit opt-in: allowed.
    expect(roleSeparationProblem(11155111, admin.address, anchorer.address)).to.equal(undefined);
    for (const local of [31337, 1337]) expect(roleSeparationProblem(local, admin.address, admin.address)).to.equal(undefined);
    expect(roleSeparationProblem(11155111, admin.address, admin.address, true)).to.equal(undefined);
    expect(roleSeparationProblem(1, admin.address, admin.address)).to.be.a('string');
  });

  it('runDeploy works under `hardhat run` (HARDHAT_NETWORK) with env-given roles', async () => {
    const [, admin, anchorer] = await ethers.getSigners();
    const file = join(dir, 'hardhat.json');
    const record = await runDeploy({
      HARDHAT_NETWORK: 'hardhat',
      ANCHOR_ADMIN: admin.address,
      ANCHORER_ADDRESS: anchorer.address,
      DEPLOYMENT_FILE: file,
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.deep.equal(record);
    const anchor = await ethers.getContractAt('StackLedgerAnchor', record.address);
    expect(await anchor.hasRole(await anchor.ANCHORER_ROLE(), anchorer.address)).to.equal(true);
  });

  it('runDeploy works with plain ethers over JSON-RPC (no Hardhat runtime), deployer as default roles', async () => {
    const server = await hre.run(TASK_NODE_CREATE_SERVER, { hostname: '127.0.0.1', port: 0, provider: hre.network.provider });
    const { port } = await server.listen();
    try {
      const file = join(dir, 'rpc.json');
      const record = await runDeploy({ CHAIN_RPC_URL: `http://127.0.0.1:${port}`, DEPLOYMENT_FILE: file });
      const [deployer] = await ethers.getSigners();
      expect(record.admin).to.equal(deployer.address);
      expect(record.anchorer).to.equal(deployer.address);
      expect(readDeploymentRecord(file).address).to.equal(record.address);
    } finally {
      await server.close();
    }
  });
});
