import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  LoggerService,
  RootConfigService,
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
  isChildPath,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { readLocalPublishConfig } from '../config';
import { listRepositoryFiles } from './localRepository';

/** The part of backend-defaults' ReadTreeResponseFactory this reader uses. */
export interface TreeResponseFactory {
  fromReadableArray(
    files: Array<{ data: Readable; path: string; lastModifiedAt?: Date }>,
  ): Promise<UrlReaderServiceReadTreeResponse>;
}

/** Shaped like backend-defaults' `ReaderFactory`, so it can be registered through `urlReaderFactoriesServiceRef`. */
export type LocalRepositoryReaderFactory = (options: {
  config: RootConfigService;
  logger: LoggerService;
  treeResponseFactory: TreeResponseFactory;
}) => Array<{ predicate: (url: URL) => boolean; reader: UrlReaderService }>;

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Reads the repositories that `vitals:publish:local` writes, as `file://`
 * URLs, so `catalog:register` can register them like any repository URL
 * and relative annotations (`vitals.dev/slo-ref: ./slo.yaml`,
 * `backstage.io/techdocs-ref: dir:.`) resolve. Only paths inside the local
 * publish root are served: the catalog must not become a way to read the
 * backend's file system.
 */
export class LocalRepositoryUrlReader implements UrlReaderService {
  /** Registers the reader when local publishing is enabled; nothing otherwise. */
  static factory: LocalRepositoryReaderFactory = ({
    config,
    treeResponseFactory,
  }) => {
    const local = readLocalPublishConfig(config);
    if (!local.enabled) {
      return [];
    }
    const reader = new LocalRepositoryUrlReader(
      local.root,
      treeResponseFactory,
    );
    return [{ predicate: url => reader.handles(url), reader }];
  };

  constructor(
    private readonly root: string,
    private readonly treeResponseFactory?: TreeResponseFactory,
  ) {}

  /** Whether the URL is a `file://` URL inside the local publish root. */
  handles(url: URL): boolean {
    if (url.protocol !== 'file:' || (url.host && url.host !== 'localhost')) {
      return false;
    }
    try {
      return isChildPath(this.root, fileURLToPath(url));
    } catch {
      return false;
    }
  }

  /** The real path behind a URL, refusing anything (a symlink too) outside the root. */
  private async resolve(url: string): Promise<string> {
    const parsed = new URL(url);
    if (!this.handles(parsed)) {
      throw new NotAllowedError(
        `${url} is outside the local repositories folder (vitals.scaffolder.localPublish.root)`,
      );
    }
    const [real, realRoot] = await Promise.all([
      fs.realpath(fileURLToPath(parsed)).catch(() => {
        throw new NotFoundError(`${url} does not exist`);
      }),
      fs.realpath(this.root).catch(() => this.root),
    ]);
    if (!isChildPath(realRoot, real)) {
      throw new NotAllowedError(
        `${url} resolves outside the local repositories folder (vitals.scaffolder.localPublish.root)`,
      );
    }
    return real;
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const file = await this.resolve(url);
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      throw new NotFoundError(`${url} is not a file`);
    }
    const etag = createHash('sha1')
      .update(`${stat.size}:${stat.mtimeMs}`)
      .digest('hex');
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    if (
      options?.lastModifiedAfter &&
      stat.mtime.getTime() <= options.lastModifiedAfter.getTime()
    ) {
      throw new NotModifiedError();
    }
    const buffer = await fs.readFile(file);
    return {
      buffer: async () => buffer,
      stream: () => Readable.from(buffer),
      etag,
      lastModifiedAt: stat.mtime,
    };
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    if (!this.treeResponseFactory) {
      throw new NotAllowedError(
        'Reading trees needs the URL reader factory of @backstage/backend-defaults',
      );
    }
    const dir = await this.resolve(url);
    const files = await listRepositoryFiles(dir);
    const stats = await Promise.all(
      files.map(file => fs.stat(path.join(dir, file))),
    );
    const etag = createHash('sha1')
      .update(
        files
          .map((file, i) => `${file}:${stats[i].size}:${stats[i].mtimeMs}`)
          .join('\n'),
      )
      .digest('hex');
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    const selected = files
      .map((file, i) => ({ file, stat: stats[i] }))
      .filter(({ file, stat }) =>
        options?.filter ? options.filter(file, { size: stat.size }) : true,
      );
    const response = await this.treeResponseFactory.fromReadableArray(
      selected.map(({ file, stat }) => ({
        data: createReadStream(path.join(dir, file)),
        path: file,
        lastModifiedAt: stat.mtime,
      })),
    );
    return Object.assign(response, { etag });
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    const parsed = new URL(url);
    const pattern = decodeURIComponent(parsed.pathname);
    const wildcard = pattern.search(/[*?]/);
    if (wildcard === -1) {
      const response = await this.readUrl(url, { etag: options?.etag });
      return {
        etag: response.etag ?? '',
        files: [
          {
            url,
            content: response.buffer,
            lastModifiedAt: response.lastModifiedAt,
          },
        ],
      };
    }
    const base = pattern.slice(0, pattern.lastIndexOf('/', wildcard) + 1);
    const baseUrl = pathToFileURL(base).toString();
    const dir = await this.resolve(baseUrl);
    const matcher = globToRegExp(pattern.slice(base.length));
    const matches = (await listRepositoryFiles(dir)).filter(f =>
      matcher.test(f),
    );
    const files = await Promise.all(
      matches.map(async file => {
        const stat = await fs.stat(path.join(dir, file));
        return {
          url: pathToFileURL(path.join(dir, file)).toString(),
          content: () => fs.readFile(path.join(dir, file)),
          lastModifiedAt: stat.mtime,
          etag: `${stat.size}:${stat.mtimeMs}`,
        };
      }),
    );
    const etag = createHash('sha1')
      .update(files.map(f => `${f.url}:${f.etag}`).join('\n'))
      .digest('hex');
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    return {
      etag,
      files: files.map(({ url: fileUrl, content, lastModifiedAt }) => ({
        url: fileUrl,
        content,
        lastModifiedAt,
      })),
    };
  }

  toString() {
    return `local-repositories{root=${this.root}}`;
  }
}
