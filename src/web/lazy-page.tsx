/**
 * Screens load on first visit: the first page a librarian opens over a weak connection downloads the
 * shell and that screen, not the whole app. `AppLayout` shows a loader while a screen arrives.
 */
import { Center, Loader } from '@mantine/core';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

export function PageLoader() {
  return (
    <Center py="xl">
      <Loader size="sm" />
    </Center>
  );
}
