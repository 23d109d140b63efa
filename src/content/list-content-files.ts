import path from 'node:path';
import { WeeklogError } from '../errors.ts';
import { displayPath, ProblemList } from '../problems.ts';
import { findContentFiles } from './find-files.ts';
import type { ContentMemo } from './load-posts.ts';
import { reportLinkLeaving, type ProjectPaths } from './project-paths.ts';

/** The content folder is missing or is not a folder: nothing can be built. */
export class ContentFolderError extends WeeklogError {}

/** Every Markdown file of the content folder, with the problems of folders that cannot be listed. */
export async function listContentFiles(contentDir: string, paths: ProjectPaths, projectDir: string): Promise<NonNullable<ContentMemo['files']>> {
  const problems = new ProblemList();
  let relativePaths: string[];
  try {
    relativePaths = await findContentFiles(contentDir, paths, {
      onUnreadableFolder: (relativeDir, cause) => {
        const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
        problems.error(
          displayPath(projectDir, path.join(contentDir, relativeDir)),
          0,
          0,
          'unreadable-folder',
          `The folder cannot be read (${code}), so its posts are missing. Check its permissions, or rename it to start with \`_\` to skip it.`,
        );
      },
      onLinkLeaving: (relativePath, target) => reportLinkLeaving(problems, displayPath(projectDir, path.join(contentDir, relativePath)), target),
    });
  } catch (cause) {
    throw new ContentFolderError(
      `The content folder ${contentDir} cannot be read. Create it, or set \`contentDir\` in weeklog.config.yml.`,
      { cause },
    );
  }
  return { contentDir, relativePaths, problems: problems.items };
}
