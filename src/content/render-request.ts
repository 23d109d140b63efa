import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import type { PostSource } from './read-post-source.ts';
import type { RenderRequest } from './render-cache.ts';

/** What the renderer is asked for one post (bench/render-posts.ts asks the same). */
export function renderRequest(source: PostSource, settings: Settings, projectDir: string, hexoSource: boolean): RenderRequest {
  return {
    sourceFile: source.sourceFile,
    hash: source.hash,
    file: source.file,
    body: source.frontMatter.body,
    hexoTags: hexoSource,
    lineOffset: source.frontMatter.lineOffset,
    extractTitle: !source.fields.title,
    excerptLength: settings.excerptLength,
    linkItemShapes: settings.linkItemShapes,
    description: source.fields.description,
    imageDirs: { relative: path.dirname(source.sourceFile), root: path.resolve(projectDir, settings.publicDir) },
  };
}
