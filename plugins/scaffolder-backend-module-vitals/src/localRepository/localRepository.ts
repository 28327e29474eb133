import { randomUUID } from 'node:crypto';
// isomorphic-git takes the whole module (callbacks and `promises`).
import nodeFs from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** The part of isomorphic-git the local publisher uses. */
export interface GitImplementation {
  init(options: {
    fs: any;
    dir: string;
    defaultBranch?: string;
  }): Promise<void>;
  statusMatrix(options: {
    fs: any;
    dir: string;
  }): Promise<Array<[string, number, number, number]>>;
  add(options: { fs: any; dir: string; filepath: string }): Promise<void>;
  remove(options: { fs: any; dir: string; filepath: string }): Promise<void>;
  commit(options: {
    fs: any;
    dir: string;
    message: string;
    author: { name: string; email: string };
  }): Promise<string>;
  resolveRef(options: { fs: any; dir: string; ref: string }): Promise<string>;
}

/**
 * isomorphic-git when the backend has it (it comes with the scaffolder),
 * else undefined: the repository is then written as plain files.
 */
export function loadGit(): GitImplementation | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('isomorphic-git') as GitImplementation;
  } catch {
    return undefined;
  }
}

const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Written next to the files when git is not available, instead of a .git folder. */
export const PLAIN_FILES_NOTE = 'PUBLISHED_WITHOUT_GIT.md';

export interface LocalRepositoryLocation {
  /** Absolute folder of the repository. */
  path: string;
  /** `file://` URL of the folder. */
  remoteUrl: string;
  /** `file://` URL of the folder with a trailing slash, for relative references. */
  repoContentsUrl: string;
  exists: boolean;
}

export interface PublishLocalRequest {
  root: string;
  name: string;
  /** Folder whose files become the repository (the task workspace). */
  sourceDir: string;
  overwrite: boolean;
  defaultBranch: string;
  commitMessage: string;
  author: { name: string; email: string };
  /** Shown in the plain-files note: where the repository should be pushed. */
  intendedRemote?: string;
  /** How errors name the repository, without a machine path (default: its name). */
  displayPath?: string;
}

export interface PublishLocalResult extends LocalRepositoryLocation {
  /** created: new; unchanged: the same files were already there; replaced: overwritten on request. */
  state: 'created' | 'unchanged' | 'replaced';
  versioning: 'git' | 'files';
  commitHash: string;
}

/** Where `<root>/<name>` is and whether something is there; no side effects (dry-run safe). */
export async function locateLocalRepository(
  root: string,
  name: string,
): Promise<LocalRepositoryLocation> {
  if (!REPOSITORY_NAME.test(name)) {
    throw new InputError(
      `name "${name}" cannot be a repository folder: use letters, digits, dots, underscores and hyphens, starting with a letter or digit`,
    );
  }
  const target = resolveSafeChildPath(root, name);
  const exists = await fs
    .stat(target)
    .then(() => true)
    .catch(() => false);
  const remoteUrl = pathToFileURL(target).toString();
  return {
    path: target,
    remoteUrl,
    repoContentsUrl: `${remoteUrl}/`,
    exists,
  };
}

/** Files below `dir` (relative, `/`-separated, sorted), leaving out .git folders. */
export async function listRepositoryFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter(entry => entry.isFile() || entry.isSymbolicLink())
    .map(entry =>
      path
        .relative(dir, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/'),
    )
    .filter(file => !file.split('/').includes('.git'))
    .sort();
}

async function sameFiles(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([
    listRepositoryFiles(a),
    listRepositoryFiles(b).then(files =>
      files.filter(f => f !== PLAIN_FILES_NOTE),
    ),
  ]);
  if (left.length !== right.length || left.some((f, i) => f !== right[i])) {
    return false;
  }
  for (const file of left) {
    const [x, y] = await Promise.all([
      fs.readFile(path.join(a, file)),
      fs.readFile(path.join(b, file)),
    ]);
    if (!x.equals(y)) {
      return false;
    }
  }
  return true;
}

async function isGitRepository(dir: string): Promise<boolean> {
  return fs
    .stat(path.join(dir, '.git'))
    .then(s => s.isDirectory())
    .catch(() => false);
}

async function commitAll(
  git: GitImplementation,
  dir: string,
  request: PublishLocalRequest,
): Promise<string> {
  if (!(await isGitRepository(dir))) {
    await git.init({ fs: nodeFs, dir, defaultBranch: request.defaultBranch });
  }
  const matrix = await git.statusMatrix({ fs: nodeFs, dir });
  for (const [filepath, , workdir] of matrix) {
    if (workdir === 0) {
      await git.remove({ fs: nodeFs, dir, filepath });
    } else {
      await git.add({ fs: nodeFs, dir, filepath });
    }
  }
  return git.commit({
    fs: nodeFs,
    dir,
    message: request.commitMessage,
    author: request.author,
  });
}

function plainFilesNote(request: PublishLocalRequest): string {
  return [
    `# ${request.name}`,
    '',
    'The Vitals portal wrote these files without git (isomorphic-git is not installed in its backend).',
    'Make them a repository and push it:',
    '',
    '```sh',
    `git init -b ${request.defaultBranch}`,
    'git add -A',
    `git commit -m "${request.commitMessage.replace(/"/g, "'")}"`,
    ...(request.intendedRemote
      ? [
          `git remote add origin ${request.intendedRemote}`,
          `git push -u origin ${request.defaultBranch}`,
        ]
      : []),
    '```',
    '',
  ].join('\n');
}

/**
 * Writes the workspace to `<root>/<name>` as a git repository (or plain
 * files when git is unavailable). Idempotent: the same files already there
 * are left alone. Other content is refused unless `overwrite`, which
 * commits the new files on top of the existing history. The files are
 * assembled in a sibling folder and renamed into place, so a crash never
 * leaves half a repository behind.
 */
export async function publishLocalRepository(
  request: PublishLocalRequest,
  options: { git?: GitImplementation | null } = {},
): Promise<PublishLocalResult> {
  const git = options.git === undefined ? loadGit() : options.git ?? undefined;
  const location = await locateLocalRepository(request.root, request.name);
  const versioning = git ? 'git' : 'files';

  if (location.exists) {
    if (await sameFiles(request.sourceDir, location.path)) {
      const commitHash =
        git && (await isGitRepository(location.path))
          ? await git.resolveRef({
              fs: nodeFs,
              dir: location.path,
              ref: 'HEAD',
            })
          : '';
      return {
        ...location,
        exists: true,
        state: 'unchanged',
        versioning,
        commitHash,
      };
    }
    if (!request.overwrite) {
      throw new InputError(
        `A repository already exists at ${
          request.displayPath ?? request.name
        } with other content. Choose another name, or publish with overwrite: true to commit these files on top of it.`,
      );
    }
  }

  await fs.mkdir(request.root, { recursive: true });
  const staging = path.join(
    request.root,
    `.${request.name}.publishing-${randomUUID()}`,
  );
  try {
    await fs.cp(request.sourceDir, staging, {
      recursive: true,
      filter: source => path.basename(source) !== '.git',
    });
    if (location.exists && (await isGitRepository(location.path))) {
      await fs.cp(
        path.join(location.path, '.git'),
        path.join(staging, '.git'),
        {
          recursive: true,
        },
      );
    }
    let commitHash = '';
    if (git) {
      commitHash = await commitAll(git, staging, request);
    } else {
      await fs.writeFile(
        path.join(staging, PLAIN_FILES_NOTE),
        plainFilesNote(request),
      );
    }

    if (location.exists) {
      const replaced = `${staging}.replaced`;
      await fs.rename(location.path, replaced);
      await fs.rename(staging, location.path);
      await fs.rm(replaced, { recursive: true, force: true });
    } else {
      await fs.rename(staging, location.path);
    }
    return {
      ...location,
      exists: true,
      state: location.exists ? 'replaced' : 'created',
      versioning,
      commitHash,
    };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
