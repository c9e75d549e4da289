import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../paths';
import { ErrorState } from '../ui/feedback';
import { ApiError } from '../api/client';

const missing = new ApiError(404, { title: '', code: 'not_found' });

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <ErrorState error={missing} />
      <Button component={Link} to={paths.home} variant="light">
        {t('nav.home')}
      </Button>
    </Stack>
  );
}
