import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { mockServices } from '@backstage/backend-test-utils';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import {
  LocalRepositoryUrlReader,
  TreeResponseFactory,
} from './LocalRepositoryUrlReader';

/** Collects the files handed to the tree factory, as backend-defaults' factory would serve them. */
const collectingTreeFactory: TreeResponseFactory = {
  async fromReadableArray(files) {
    const read = await Promise.all(
      files.map(async f => {
        const chunks: Buffer[] = [];
        for await (const chunk of f.data as Readable)
          chunks.push(Buffer.from(chunk));
        return { path: f.path, content: Buffer.concat(chunks) };
      }),
    );
    return {
      etag: '',
      files: async () =>
        read.map(f => ({ path: f.path, content: async () => f.content })),
      archive: async () => Readable.from([]),
      dir: async () => '',
    } as any;
  },
};

describe('LocalRepositoryUrlReader', () => {
  let dir: string;
  let root: string;
  let reader: LocalRepositoryUrlReader;
  const url = (...segments: string[]) =>
    pathToFileURL(path.join(root, ...segments)).toString();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-local-reader-'));
    root = path.join(dir, 'repos');
    fs.mkdirSync(path.join(root, 'claims-intake/docs'), { recursive: true });
    fs.mkdirSync(path.join(root, 'claims-intake/.git'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'claims-intake/catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.writeFileSync(
      path.join(root, 'claims-intake/slo.yaml'),
      'apiVersion: openslo/v1\n',
    );
    fs.writeFileSync(
      path.join(root, 'claims-intake/docs/index.md'),
      '# Claims\n',
    );
    fs.writeFileSync(
      path.join(root, 'claims-intake/.git/HEAD'),
      'ref: refs/heads/main\n',
    );
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the catalog');
    reader = new LocalRepositoryUrlReader(root, collectingTreeFactory);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('handles file:// URLs inside the root only', () => {
    expect(
      reader.handles(new URL(url('claims-intake/catalog-info.yaml'))),
    ).toBe(true);
    expect(
      reader.handles(
        new URL(pathToFileURL(path.join(dir, 'secret.txt')).toString()),
      ),
    ).toBe(false);
    expect(
      reader.handles(new URL(`${url('claims-intake')}/../../secret.txt`)),
    ).toBe(false);
    expect(
      reader.handles(
        new URL('https://github.com/o/r/blob/main/catalog-info.yaml'),
      ),
    ).toBe(false);
    expect(reader.handles(new URL('file://other-host/etc/passwd'))).toBe(false);
  });

  it('reads a file, with an etag that answers NotModified', async () => {
    const response = await reader.readUrl(
      url('claims-intake/catalog-info.yaml'),
    );
    expect((await response.buffer()).toString()).toBe('kind: Component\n');
    expect(response.etag).toMatch(/^[0-9a-f]{40}$/);
    await expect(
      reader.readUrl(url('claims-intake/catalog-info.yaml'), {
        etag: response.etag,
      }),
    ).rejects.toBeInstanceOf(NotModifiedError);
  });

  it('refuses files outside the root, also through symlinks', async () => {
    await expect(
      reader.readUrl(pathToFileURL(path.join(dir, 'secret.txt')).toString()),
    ).rejects.toBeInstanceOf(NotAllowedError);
    fs.symlinkSync(
      path.join(dir, 'secret.txt'),
      path.join(root, 'claims-intake/link.txt'),
    );
    await expect(
      reader.readUrl(url('claims-intake/link.txt')),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('answers NotFound for missing files', async () => {
    await expect(
      reader.readUrl(url('claims-intake/missing.yaml')),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reads a repository tree without its .git folder', async () => {
    const tree = await reader.readTree(url('claims-intake'));
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
      'slo.yaml',
    ]);
    expect(tree.etag).toMatch(/^[0-9a-f]{40}$/);
    await expect(
      reader.readTree(url('claims-intake'), { etag: tree.etag }),
    ).rejects.toBeInstanceOf(NotModifiedError);
  });

  it('searches by glob', async () => {
    const result = await reader.search(url('claims-intake/**/*.md'));
    expect(result.files.map(f => f.url)).toEqual([
      url('claims-intake/docs/index.md'),
    ]);
    const yamlFiles = await reader.search(url('claims-intake/*.yaml'));
    expect(yamlFiles.files.map(f => path.basename(f.url)).sort()).toEqual([
      'catalog-info.yaml',
      'slo.yaml',
    ]);
    const single = await reader.search(url('claims-intake/slo.yaml'));
    expect((await single.files[0].content()).toString()).toBe(
      'apiVersion: openslo/v1\n',
    );
  });

  it('registers through its factory only while local publishing is on', () => {
    const factory = (enabled: boolean) =>
      LocalRepositoryUrlReader.factory({
        config: mockServices.rootConfig({
          data: { vitals: { scaffolder: { localPublish: { enabled, root } } } },
        }),
        logger: mockServices.logger.mock(),
        treeResponseFactory: collectingTreeFactory,
      });
    const [entry] = factory(true);
    expect(entry.predicate(new URL(url('claims-intake/slo.yaml')))).toBe(true);
    expect(factory(false)).toEqual([]);
  });
});
